package io.thermalwatch.api.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.thermalwatch.api.problem.Problem;
import io.thermalwatch.api.security.TestTokens;
import io.thermalwatch.broker.KafkaBroker;
import io.thermalwatch.model.RackAggregate;
import io.thermalwatch.model.RackAggregateJson;
import io.thermalwatch.model.ThermalAlert;
import io.thermalwatch.model.ThermalAlertJson;
import io.thermalwatch.model.Topics;
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
import org.junit.jupiter.api.Test;

/**
 * The SSE streams over a real HTTP connection, fed from a real broker: the current state first,
 * then changes as they are published, heartbeats, and filters. Each test works on racks of its own.
 */
class LiveApiIT {

    private static final long NOW = System.currentTimeMillis();
    private static final long RECENT = NOW - NOW % 10_000 - 10_000;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private static KafkaBroker broker;
    private static KafkaProducer<String, byte[]> producer;
    private static EmbeddedServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        broker = KafkaBroker.startEphemeral();
        broker.createTopics(List.of(new NewTopic(Topics.RACK_AGGREGATES, 2, (short) 1),
                new NewTopic(Topics.ALERTS, 2, (short) 1)));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
        publish(window("r01-k01", RECENT, 40_000));
        publish(alert("before|r05-k01", "r05-k01", "critical", ThermalAlert.FIRING));
        producer.flush();
        server = ApplicationContext.builder().singletons(CLOCK).properties(Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "micronaut.server.port", -1, TestTokens.PROPERTY, TestTokens.SECRET,
                "thermalwatch.api.live-heartbeat", "1s")).run(EmbeddedServer.class);
    }

    @AfterAll
    static void stop() {
        server.getApplicationContext().close();
        producer.close();
        broker.close();
    }

    @Test
    void rackStreamSendsCurrentStateThenChangesAsTheRackEndpointServesThem() throws Exception {
        await().atMost(DEADLINE).until(() -> get("/api/v1/racks/r01-k01").statusCode() == 200);
        try (SseStream stream = SseStream.open(uri("/api/v1/live/racks"), TestTokens.token("viewer"))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            await().atMost(DEADLINE).until(() -> hasRack(stream, "r01-k01"));

            publish(window("r02-k01", RECENT, 12_345.5));
            producer.flush();
            await().atMost(DEADLINE).until(() -> hasRack(stream, "r02-k01"));
            String served = get("/api/v1/racks/r02-k01").body();
            assertThat(stream.events("rack")).extracting(SseStream.SseEvent::data).contains(served);
            assertThat(served).contains("\"totalPowerW\":12345.5");
        }
    }

    @Test
    void rackStreamFilteredByRackSendsOnlyThatRack() {
        try (SseStream stream = SseStream.open(uri("/api/v1/live/racks?rack=r03-k02"), TestTokens.token("viewer"))) {
            publish(window("r03-k01", RECENT, 1_000));
            publish(window("r03-k02", RECENT, 2_000));
            producer.flush();
            await().atMost(DEADLINE).until(() -> hasRack(stream, "r03-k02"));
            await().atMost(DEADLINE).until(() -> get("/api/v1/racks/r03-k01").statusCode() == 200);
            assertThat(stream.events("rack")).allSatisfy(e -> assertThat(e.data()).contains("\"rack\":\"r03-k02\""));
        }
    }

    @Test
    void alertStreamSendsFiringAlertsThenChangesIncludingResolutions() {
        await().atMost(DEADLINE).until(() -> get("/api/v1/alerts?rack=r05-k01").body().contains("before|r05-k01"));
        try (SseStream stream = SseStream.open(uri("/api/v1/live/alerts?severity=critical"), TestTokens.token("viewer"))) {
            await().atMost(DEADLINE).until(() -> hasAlert(stream, "before|r05-k01", "firing"));

            publish(alert("warn|r04-k01", "r04-k01", "warning", ThermalAlert.FIRING));
            publish(alert("crit|r04-k01", "r04-k01", "critical", ThermalAlert.FIRING));
            producer.flush();
            await().atMost(DEADLINE).until(() -> hasAlert(stream, "crit|r04-k01", "firing"));
            publish(alert("crit|r04-k01", "r04-k01", "critical", ThermalAlert.RESOLVED));
            producer.flush();
            await().atMost(DEADLINE).until(() -> hasAlert(stream, "crit|r04-k01", "resolved"));

            assertThat(get("/api/v1/alerts?rack=r04-k01").body()).contains("warn|r04-k01");
            assertThat(stream.events("alert")).noneSatisfy(e -> assertThat(e.data()).contains("warn|r04-k01"));
            assertThat(stream.events("alert")).filteredOn(e -> e.data().contains("\"id\":\"crit|r04-k01\""))
                    .first().satisfies(e -> assertThat(e.data()).contains("\"startsAt\":\"", "\"severity\":\"critical\""));
        }
    }

    @Test
    void idleStreamSendsHeartbeatComments() {
        try (SseStream stream = SseStream.open(uri("/api/v1/live/alerts?rack=r99-k99"), TestTokens.token("viewer"))) {
            await().atMost(DEADLINE).until(() -> stream.comments().size() >= 2);
            assertThat(stream.comments()).contains("heartbeat");
            assertThat(stream.events("alert")).isEmpty();
        }
    }

    @Test
    void badFiltersAre400ProblemJson() {
        assertProblem("/api/v1/live/alerts?severity=info", "urn:thermalwatch:problem:invalid-severity");
        assertProblem("/api/v1/live/racks?rack=bad%20rack", "urn:thermalwatch:problem:invalid-rack-id");
    }

    private static void assertProblem(String path, String type) {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).as(path).hasValue(Problem.CONTENT_TYPE);
        assertThat(r.body()).as(path).contains("\"type\":\"" + type + "\"");
    }

    private static boolean hasRack(SseStream stream, String rack) {
        return stream.events("rack").stream().anyMatch(e -> e.data().contains("\"rack\":\"" + rack + "\""));
    }

    private static boolean hasAlert(SseStream stream, String id, String state) {
        return stream.events("alert").stream().anyMatch(e -> e.data().contains("\"id\":\"" + id + "\"")
                && e.data().contains("\"state\":\"" + state + "\""));
    }

    private static URI uri(String path) {
        return URI.create(server.getURL() + path);
    }

    static HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).header("Authorization", TestTokens.bearer("viewer")).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RackAggregate window(String rack, long startMs, double powerW) {
        return new RackAggregate(1, "ams1", "h1", rack.substring(0, 3), rack, startMs, startMs + 10_000, 18, 72, 180,
                powerW, 48.25, 61.5, 70.0, 0, 18, 72, 0, 0, new RackAggregate.Margin(27.5, rack + "-n07", 2), 140.0,
                powerW / 1400.0, 30.0, 42.0, 12.0, 61.0, 50.5, 0.9);
    }

    private static ThermalAlert alert(String id, String rack, String severity, String state) {
        boolean firing = ThermalAlert.FIRING.equals(state);
        return new ThermalAlert(1, id, "gpu-slowdown-margin", severity, state, "ams1", "h1", rack.substring(0, 3), rack,
                rack + "-n07", 2, null, 2.5, firing ? 3.0 : null, NOW - 60_000, firing ? null : NOW,
                "GPU 2 of " + rack + "-n07 is near slowdown", null, null);
    }

    private static void publish(RackAggregate a) {
        producer.send(new ProducerRecord<>(Topics.RACK_AGGREGATES, a.rack(), RackAggregateJson.write(a)));
    }

    private static void publish(ThermalAlert a) {
        producer.send(new ProducerRecord<>(Topics.ALERTS, a.id(), ThermalAlertJson.write(a)));
    }
}
