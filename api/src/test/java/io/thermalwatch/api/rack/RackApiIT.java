package io.thermalwatch.api.rack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.thermalwatch.api.problem.Problem;
import io.thermalwatch.api.security.TestTokens;
import io.thermalwatch.broker.KafkaBroker;
import io.thermalwatch.model.RackAggregate;
import io.thermalwatch.model.RackAggregateJson;
import io.thermalwatch.model.Topics;
import java.net.ServerSocket;
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

/** The API over HTTP, materializing rack aggregates from a real broker. */
class RackApiIT {

    private static final long NOW = System.currentTimeMillis();
    private static final long RECENT = NOW - NOW % 10_000 - 10_000;
    /** The API's "now": fixed, so that staleness does not depend on how long the run takes. */
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);

    private static KafkaBroker broker;
    private static KafkaProducer<String, byte[]> producer;
    private static EmbeddedServer server;
    private static HttpClient httpClient;
    private static BlockingHttpClient http;

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaBroker.startEphemeral();
        broker.createTopics(List.of(new NewTopic(Topics.RACK_AGGREGATES, 2, (short) 1)));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
        // before the API starts: one window older than the replay horizon, one inside it
        publish(0, NOW - Duration.ofHours(1).toMillis(), window("r09-k09", RECENT - 3_600_000, 999));
        publish(0, NOW, window("r01-k01", RECENT, 51_000.5));
        producer.flush();

        server = ApplicationContext.builder().singletons(CLOCK).properties(Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "micronaut.server.port", -1, TestTokens.PROPERTY, TestTokens.SECRET,
                "thermalwatch.api.replay", "15m",
                "thermalwatch.api.stale-after", "60s")).run(EmbeddedServer.class);
        httpClient = server.getApplicationContext().createBean(HttpClient.class, server.getURL());
        http = httpClient.toBlocking();
    }

    @AfterAll
    static void stop() {
        httpClient.close();
        server.getApplicationContext().close(); // the context first: its consumers need the broker to leave
        producer.close();
        broker.close();
    }

    private static RackAggregate window(String rack, long startMs, double powerW) {
        return new RackAggregate(1, "ams1", "h1", rack.substring(0, 3), rack, startMs, startMs + 10_000, 18, 72, 180,
                powerW, 48.25, 61.5, 70.0, 3, 18, 72, 1, 0, new RackAggregate.Margin(27.5, rack + "-n07", 2), 140.0,
                powerW / 1400.0, 30.0, 42.0, 12.0, 61.0, 50.5, 50.5 / (powerW / 1000.0));
    }

    private static void publish(int partition, long timestampMs, RackAggregate a) {
        producer.send(new ProducerRecord<>(Topics.RACK_AGGREGATES, partition, timestampMs, a.rack(), RackAggregateJson.write(a)));
    }

    private static RackList racks() {
        return http.retrieve(viewerGet("/api/v1/racks"), RackList.class);
    }

    @Test
    void servesTheLatestWindowOfARack() {
        await().atMost(Duration.ofSeconds(30)).until(() -> racks().count() >= 1);
        RackView view = http.retrieve(viewerGet("/api/v1/racks/r01-k01"), RackView.class);
        assertThat(view.totalPowerW()).isEqualTo(51_000.5);
        assertThat(view.gpusReporting()).isEqualTo(72);
        assertThat(view.windowStartMs()).isEqualTo(RECENT);
        assertThat(view.maxHbmTempC()).isEqualTo(70.0);
        assertThat(view.expectedGpus()).isEqualTo(72);
        assertThat(view.minSlowdownMargin()).isEqualTo(new RackView.Margin(27.5, "r01-k01-n07", 2));
        assertThat(view.powerBudgetPct()).isEqualTo(51_000.5 / 1400.0);
        assertThat(view.heatRemovedKw()).isEqualTo(50.5);
        assertThat(view.captureRatio()).isEqualTo(50.5 / 51.0005);
        assertThat(view.deltaTempC()).isEqualTo(12.0);
        // the window ended less than 10 s before the API's (fixed) now: fresh
        assertThat(view.stale()).isFalse();
    }

    @Test
    void skipsAggregatesOlderThanTheReplayHorizon() {
        await().atMost(Duration.ofSeconds(30)).until(() -> racks().racks().stream().anyMatch(r -> r.rack().equals("r01-k01")));
        assertThat(racks().racks()).extracting(RackView::rack).doesNotContain("r09-k09");
    }

    @Test
    void newerWindowReplacesOlderAndListSumsPower() {
        publish(1, NOW, window("r02-k01", RECENT - 10_000, 1_000));
        publish(1, NOW, window("r02-k01", RECENT, 2_000));
        publish(1, NOW, window("r02-k02", RECENT - 120_000, 500)); // a rack that stopped two minutes ago
        producer.flush();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            RackList list = racks();
            assertThat(list.racks()).extracting(RackView::rack).contains("r01-k01", "r02-k01", "r02-k02");
            assertThat(list.racks()).filteredOn(r -> r.rack().equals("r02-k01")).singleElement()
                    .satisfies(r -> assertThat(r.totalPowerW()).isEqualTo(2_000.0));
            assertThat(list.totalPowerW()).isEqualTo(list.racks().stream().mapToDouble(RackView::totalPowerW).sum());
            assertThat(list.count()).isEqualTo(list.racks().size());
        });
        assertThat(http.retrieve(viewerGet("/api/v1/racks/r02-k02"), RackView.class).stale()).isTrue();
    }

    @Test
    void theListComesAPageAtATimeInRackOrderAndThePagesAddUpToTheFleet() {
        for (int k = 1; k <= 5; k++) {
            publish(1, NOW, window("r03-k0" + k, RECENT, 100 * k));
        }
        producer.flush();
        await().atMost(Duration.ofSeconds(30)).until(() -> http.retrieve(viewerGet("/api/v1/racks?limit=10000"), RackList.class)
                .racks().stream().filter(r -> r.rack().startsWith("r03-")).count() == 5);
        RackList all = http.retrieve(viewerGet("/api/v1/racks?limit=10000"), RackList.class);
        assertThat(all.next()).isNull();
        assertThat(all.count()).isEqualTo(all.racks().size());
        assertThat(all.racks()).extracting(RackView::rack).isSorted();
        assertThat(all.totalPowerW()).isEqualTo(all.racks().stream().mapToDouble(RackView::totalPowerW).sum());

        java.util.List<String> paged = new java.util.ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            RackList page = http.retrieve(viewerGet("/api/v1/racks?limit=2" + (next == null ? "" : "&after=" + next)),
                    RackList.class);
            assertThat(page.racks()).hasSizeLessThanOrEqualTo(2);
            assertThat(page.count()).as("count is the fleet's, not the page's").isEqualTo(all.count());
            assertThat(page.totalPowerW()).isEqualTo(all.totalPowerW());
            page.racks().forEach(r -> paged.add(r.rack()));
            next = page.next();
            pages++;
        } while (next != null && pages < 100);
        assertThat(paged).isEqualTo(all.racks().stream().map(RackView::rack).toList());
        assertThat(pages).isEqualTo((all.count() + 1) / 2);
        // the default page holds up to 100 racks
        assertThat(racks().racks()).hasSize(Math.min(100, all.count()));
    }

    @Test
    void aBadPageParameterIs400ProblemJson() {
        for (String limit : java.util.List.of("0", "10001", "-1", "abc", "1e3", "99999999999")) {
            assertProblem("/api/v1/racks?limit=" + limit, HttpStatus.BAD_REQUEST, "urn:thermalwatch:problem:invalid-limit",
                    "limit must be an integer in 1..10000");
        }
        assertProblem("/api/v1/racks?after=r01%27%3B%20DROP", HttpStatus.BAD_REQUEST, "urn:thermalwatch:problem:invalid-rack-id",
                "rack ids are 1-128 letters");
    }

    @Test
    void unknownRackIs404ProblemJson() {
        assertProblem("/api/v1/racks/r77-k77", HttpStatus.NOT_FOUND, "urn:thermalwatch:problem:unknown-rack",
                "no rack 'r77-k77' has reported in the last 15 minutes");
    }

    @Test
    void malformedRackIdIs400ProblemJson() {
        assertProblem("/api/v1/racks/bad%20rack%3B%20DROP", HttpStatus.BAD_REQUEST,
                "urn:thermalwatch:problem:invalid-rack-id", "rack ids are 1-128 letters");
    }

    @Test
    void unknownRouteIsProblemJsonToo() {
        assertProblem("/api/v1/nothing-here", HttpStatus.NOT_FOUND, "about:blank", null);
    }

    @Test
    @SuppressWarnings("unchecked")
    void healthIsUpWithTheBrokerAndFreshTelemetry() {
        await().atMost(Duration.ofSeconds(30)).until(() -> racks().count() >= 1);
        HttpResponse<Map> health = http.exchange(viewerGet("/health"), Map.class);
        assertThat(health.status().getCode()).isEqualTo(200);
        assertThat(health.body()).containsEntry("status", "UP");
        assertThat((Map<String, Object>) ((Map<String, Object>) health.body().get("details")).get("kafka"))
                .containsEntry("status", "UP");
        assertThat((Map<String, Object>) ((Map<String, Object>) health.body().get("details")).get("telemetry"))
                .containsEntry("status", "UP");
    }

    @Test
    @SuppressWarnings("unchecked")
    void withoutKafkaHealthIsDownAndRacksIsAnEmptyList() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (EmbeddedServer lonely = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "kafka.bootstrap.servers", "127.0.0.1:" + closedPort, "micronaut.server.port", -1, TestTokens.PROPERTY, TestTokens.SECRET,
                // the Kafka health check answers DOWN when its own 10 s wait runs out
                "micronaut.http.client.read-timeout", "30s"));
             HttpClient client = lonely.getApplicationContext().createBean(HttpClient.class, lonely.getURL())) {
            assertThat(client.toBlocking().retrieve(viewerGet("/api/v1/racks"))).isEqualTo("{\"count\":0,\"totalPowerW\":0.0,\"racks\":[]}");
            assertThatThrownBy(() -> client.toBlocking().exchange(viewerGet("/health"), Map.class))
                    .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(503);
                        Map<String, Object> body = e.getResponse().getBody(Map.class).orElseThrow();
                        assertThat(body).containsEntry("status", "DOWN");
                        assertThat((Map<String, Object>) ((Map<String, Object>) body.get("details")).get("kafka"))
                                .containsEntry("status", "DOWN");
                    });
        }
    }

    private static void assertProblem(String path, HttpStatus status, String type, String detail) {
        assertThatThrownBy(() -> http.exchange(viewerGet(path), Argument.of(String.class), Argument.of(Problem.class)))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(status.getCode());
                    assertThat(e.getResponse().getContentType()).get().hasToString(Problem.CONTENT_TYPE);
                    Problem p = e.getResponse().getBody(Problem.class).orElseThrow();
                    assertThat(p.status()).isEqualTo(status.getCode());
                    assertThat(p.type()).isEqualTo(type);
                    if (detail != null) {
                        assertThat(p.detail()).contains(detail);
                    }
                });
    }

    /** A GET with a viewer's token. */
    private static MutableHttpRequest<?> viewerGet(String path) {
        return HttpRequest.GET(path).header("Authorization", TestTokens.bearer("viewer"));
    }
}
