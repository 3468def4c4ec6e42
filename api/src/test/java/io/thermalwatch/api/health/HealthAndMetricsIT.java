package io.thermalwatch.api.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.thermalwatch.api.security.TestTokens;
import io.thermalwatch.broker.KafkaBroker;
import io.thermalwatch.model.RackAggregate;
import io.thermalwatch.model.RackAggregateJson;
import io.thermalwatch.model.ThermalAlert;
import io.thermalwatch.model.ThermalAlertJson;
import io.thermalwatch.model.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code /health} judges telemetry freshness (DOWN while the newest rack window is older than
 * stale-after, UP once a fresh one arrives) and {@code /prometheus} exposes the API's gauges and
 * HTTP timings. In order: the first test sees only a stale rack.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthAndMetricsIT {

    private static final long NOW = System.currentTimeMillis();
    private static final long RECENT = NOW - NOW % 10_000 - 10_000;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static KafkaBroker broker;
    private static KafkaProducer<String, byte[]> producer;
    private static EmbeddedServer server;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.startEphemeral();
        broker.createTopics(List.of(new NewTopic(Topics.RACK_AGGREGATES, 1, (short) 1),
                new NewTopic(Topics.ALERTS, 1, (short) 1)));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
        publish(window("r01-k01", RECENT - 120_000)); // ended 2 min before the API's now: stale after 60 s
        producer.flush();
        server = ApplicationContext.builder().singletons(CLOCK).properties(Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "micronaut.server.port", -1, TestTokens.PROPERTY, TestTokens.SECRET,
                "thermalwatch.api.stale-after", "60s")).run(EmbeddedServer.class);
    }

    @AfterAll
    static void stop() {
        server.getApplicationContext().close();
        producer.close();
        broker.close();
    }

    @Test
    @Order(1)
    @SuppressWarnings("unchecked")
    void healthIsDownWhileTheNewestWindowIsStaleThenUpWhenAFreshOneArrives() throws IOException {
        await().atMost(DEADLINE).until(() -> get("/api/v1/racks").body().contains("r01-k01"));
        HttpResponse<String> down = get("/health");
        System.out.println("health with only a stale rack: " + down.statusCode() + " " + down.body());
        assertThat(down.statusCode()).isEqualTo(503);
        Map<String, Object> telemetry = telemetry(down.body());
        assertThat(telemetry).containsEntry("status", "DOWN");
        Map<String, Object> details = (Map<String, Object>) telemetry.get("details");
        assertThat(((Number) details.get("newestWindowAgeMs")).longValue()).isEqualTo(NOW - (RECENT - 110_000));
        assertThat(details).containsEntry("reason", "no rack aggregate newer than stale-after: telemetry has stopped");

        publish(window("r01-k02", RECENT));
        producer.flush();
        await().atMost(DEADLINE).until(() -> get("/health").statusCode() == 200);
        HttpResponse<String> up = get("/health");
        System.out.println("health with a fresh rack: " + up.body());
        assertThat(telemetry(up.body())).containsEntry("status", "UP");
        assertThat((Map<String, Object>) telemetry(up.body()).get("details")).containsEntry("racks", 2);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> telemetry(String health) throws IOException {
        Map<String, Object> body = server.getApplicationContext().getBean(JsonMapper.class).readValue(health, Map.class);
        return (Map<String, Object>) ((Map<String, Object>) body.get("details")).get(TelemetryHealthIndicator.NAME);
    }

    @Test
    @Order(2)
    void prometheusExposesHttpTimingsAndTheApisGauges() {
        publish(ThermalAlert.FIRING);
        producer.flush();
        await().atMost(DEADLINE).until(() -> get("/api/v1/alerts").body().contains("\"count\":1"));
        get("/api/v1/racks");
        HttpResponse<String> metrics = get("/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        String body = metrics.body();
        body.lines().filter(l -> l.startsWith("thermalwatch_")).forEach(l -> System.out.println("metric: " + l));
        assertThat(body).contains("http_server_requests_seconds_count{")
                .contains("uri=\"/api/v1/racks\"")
                .contains("thermalwatch_api_racks_known 2.0")
                .contains("thermalwatch_api_alerts_firing{severity=\"critical\"} 1.0")
                .contains("thermalwatch_api_alerts_firing{severity=\"warning\"} 0.0")
                .contains("thermalwatch_api_live_clients{stream=\"racks\"} 0.0")
                .contains("thermalwatch_api_live_dropped_total{stream=\"alerts\"} 0.0")
                .contains("thermalwatch_api_telemetry_age_seconds ");
    }

    private static void publish(String state) {
        ThermalAlert a = new ThermalAlert(1, "m|r01-k02", "gpu-slowdown-margin", "critical", state, "ams1", "h1", "r01",
                "r01-k02", "r01-k02-n01", 0, null, 2.0, 3.0, NOW - 5_000, null, "near slowdown", null, null);
        producer.send(new ProducerRecord<>(Topics.ALERTS, a.id(), ThermalAlertJson.write(a)));
    }

    private static void publish(RackAggregate a) {
        producer.send(new ProducerRecord<>(Topics.RACK_AGGREGATES, a.rack(), RackAggregateJson.write(a)));
    }

    private static RackAggregate window(String rack, long startMs) {
        return new RackAggregate(1, "ams1", "h1", "r01", rack, startMs, startMs + 10_000, 18, 72, 180, 50_000, 48.25,
                61.5, 70.0, 0, 18, 72, 0, 0, new RackAggregate.Margin(27.5, rack + "-n07", 2), 140.0, 35.7, 30.0, 42.0,
                12.0, 61.0, 50.5, 0.9);
    }

    private static HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).timeout(Duration.ofSeconds(30)).header("Authorization", TestTokens.bearer("viewer")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
