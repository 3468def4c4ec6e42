package io.thermalwatch.api.alert;

import static io.thermalwatch.api.alert.Alerts.firing;
import static io.thermalwatch.api.alert.Alerts.resolved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.thermalwatch.api.problem.Problem;
import io.thermalwatch.api.security.TestTokens;
import io.thermalwatch.broker.KafkaBroker;
import io.thermalwatch.model.ThermalAlert;
import io.thermalwatch.model.ThermalAlertJson;
import io.thermalwatch.model.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * {@code GET /api/v1/alerts} over HTTP, folding alert changes that a transactional producer (as the
 * streams app's exactly-once one) wrote to a real broker. Each test works on racks of its own.
 */
class AlertApiIT {

    private static final long NOW = System.currentTimeMillis();
    private static final long THREE_DAYS_AGO = NOW - Duration.ofDays(3).toMillis();
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private static KafkaBroker broker;
    private static KafkaProducer<String, byte[]> producer;
    private static EmbeddedServer server;
    private static BlockingHttpClient http;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.startEphemeral();
        broker.createTopics(List.of(new NewTopic(Topics.ALERTS, 3, (short) 1)));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "alert-api-it-" + UUID.randomUUID()),
                new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
        // before the API starts: an alert that fired three days ago (record stamped then too) and still fires,
        // one that escalated, one that fired and resolved, and two unreadable records
        commit(List.of(
                record(THREE_DAYS_AGO, firing("old|r01-k01", "r01-k01", "warning", THREE_DAYS_AGO)),
                record(NOW - 60_000, firing("esc|r01-k01", "r01-k01", "warning", NOW - 60_000)),
                record(NOW - 30_000, firing("esc|r01-k01", "r01-k01", "critical", NOW - 60_000)),
                record(NOW - 50_000, firing("gone|r01-k01", "r01-k01", "critical", NOW - 50_000)),
                record(NOW - 20_000, resolved("gone|r01-k01", "r01-k01", "critical", NOW - 50_000, NOW - 20_000)),
                new ProducerRecord<>(Topics.ALERTS, "junk", "not json".getBytes(StandardCharsets.UTF_8)),
                new ProducerRecord<>(Topics.ALERTS, "bad-severity", withSeverity(
                        firing("bad-severity", "r01-k01", "warning", NOW), "info"))));
        server = startApi();
        http = server.getApplicationContext().createBean(HttpClient.class, server.getURL()).toBlocking();
    }

    @AfterAll
    static void stop() {
        server.getApplicationContext().close(); // the context first: its consumers need the broker to leave
        producer.close();
        broker.close();
    }

    private static EmbeddedServer startApi() {
        return ApplicationContext.run(EmbeddedServer.class, Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "micronaut.server.port", -1, TestTokens.PROPERTY, TestTokens.SECRET,
                "thermalwatch.api.replay", "15m")); // the racks' replay: it must not limit the alerts
    }

    /** {@code a} as JSON with another severity, which no {@link ThermalAlert} can hold. */
    private static byte[] withSeverity(ThermalAlert a, String severity) {
        return new String(ThermalAlertJson.write(a), StandardCharsets.UTF_8)
                .replace("\"severity\":\"" + a.severity() + "\"", "\"severity\":\"" + severity + "\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static ProducerRecord<String, byte[]> record(long timestampMs, ThermalAlert a) {
        return new ProducerRecord<>(Topics.ALERTS, null, timestampMs, a.id(), ThermalAlertJson.write(a));
    }

    private static void commit(List<ProducerRecord<String, byte[]>> records) {
        producer.beginTransaction();
        records.forEach(producer::send);
        producer.commitTransaction();
    }

    private static AlertList alerts(BlockingHttpClient client, String query) {
        return client.retrieve(viewerGet("/api/v1/alerts" + query), AlertList.class);
    }

    private static List<String> ids(String query) {
        return alerts(http, query).alerts().stream().map(AlertView::id).toList();
    }

    @Test
    void showsWhatFiresNowIncludingAnAlertThatFiredThreeDaysAgo() {
        await().atMost(DEADLINE).untilAsserted(() ->
                assertThat(ids("?rack=r01-k01")).containsExactly("esc|r01-k01", "old|r01-k01"));
        AlertList list = alerts(http, "?rack=r01-k01");
        assertThat(list.count()).isEqualTo(2);
        AlertList first = alerts(http, "?rack=r01-k01&limit=1");
        assertThat(first.count()).as("count: every match, not just the page").isEqualTo(2);
        assertThat(first.alerts()).extracting(AlertView::id).containsExactly("esc|r01-k01");
        AlertView esc = list.alerts().get(0);
        assertThat(esc.severity()).isEqualTo("critical");
        assertThat(esc.state()).isEqualTo("firing");
        assertThat(esc.startsAtMs()).isEqualTo(NOW - 60_000);
        assertThat(esc.startsAt()).isEqualTo(Instant.ofEpochMilli(NOW - 60_000).toString());
        assertThat(esc.endsAtMs()).isNull();
        assertThat(esc.endsAt()).isNull();
        String json = http.retrieve(viewerGet("/api/v1/alerts?rack=r01-k01&severity=critical"));
        assertThat(json).startsWith("{\"count\":1,\"alerts\":[{\"id\":\"esc|r01-k01\"")
                .contains("\"startsAt\":\"" + Instant.ofEpochMilli(NOW - 60_000) + "\"")
                .as("absent fields are left out, as on the wire").doesNotContain("\"loop\"", "endsAt", "null");
        // every wire field, unchanged by the trip through the API
        assertThat(esc).usingRecursiveComparison().ignoringFields("startsAt", "endsAt")
                .isEqualTo(firing("esc|r01-k01", "r01-k01", "critical", NOW - 60_000));
    }

    @Test
    void countsAndSkipsUnreadableRecords() {
        AlertChangeListener listener = server.getApplicationContext().getBean(AlertChangeListener.class);
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(listener.unreadable()).isEqualTo(2));
        assertThat(ids("")).doesNotContain("bad-severity", "junk");
    }

    @Test
    void followsLiveChangesAndNeverShowsAnAbortedTransaction() {
        commit(List.of(record(NOW, firing("live-a|r03-k01", "r03-k01", "warning", NOW)),
                record(NOW, firing("live-b|r03-k01", "r03-k01", "warning", NOW + 1))));
        await().atMost(DEADLINE).untilAsserted(() ->
                assertThat(ids("?rack=r03-k01")).containsExactly("live-b|r03-k01", "live-a|r03-k01"));

        producer.beginTransaction();
        producer.send(record(NOW, firing("aborted|r03-k01", "r03-k01", "critical", NOW)));
        producer.send(record(NOW, resolved("live-a|r03-k01", "r03-k01", "warning", NOW, NOW + 5)));
        producer.flush();
        producer.abortTransaction();
        // after the aborted records, a committed one on every partition: once all three are shown, the
        // listener has read past the aborted ones
        commit(List.of(marker(0), marker(1), marker(2)));
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(ids("?rack=r03-k02")).hasSize(3));
        assertThat(ids("?rack=r03-k01")).containsExactly("live-b|r03-k01", "live-a|r03-k01");

        commit(List.of(record(NOW, resolved("live-b|r03-k01", "r03-k01", "warning", NOW + 1, NOW + 9))));
        await().atMost(DEADLINE).untilAsserted(() ->
                assertThat(ids("?rack=r03-k01")).containsExactly("live-a|r03-k01"));
    }

    private static ProducerRecord<String, byte[]> marker(int partition) {
        ThermalAlert a = firing("marker-" + partition + "|r03-k02", "r03-k02", "warning", NOW);
        return new ProducerRecord<>(Topics.ALERTS, partition, NOW, a.id(), ThermalAlertJson.write(a));
    }

    @Test
    void severityIsAFloorAndRackIsExact() {
        commit(List.of(record(NOW, firing("w|r04-k01", "r04-k01", "warning", NOW)),
                record(NOW, firing("c|r04-k01", "r04-k01", "critical", NOW - 1_000)),
                record(NOW, firing("c|r04-k010", "r04-k010", "critical", NOW))));
        await().atMost(DEADLINE).untilAsserted(() ->
                assertThat(ids("?rack=r04-k01")).containsExactly("c|r04-k01", "w|r04-k01"));
        assertThat(ids("?rack=r04-k01&severity=warning")).containsExactly("c|r04-k01", "w|r04-k01");
        assertThat(ids("?rack=r04-k01&severity=critical")).containsExactly("c|r04-k01");
        assertThat(ids("?severity=critical")).contains("c|r04-k01", "c|r04-k010").doesNotContain("w|r04-k01");
        assertThat(ids("?rack=r04-k99")).isEmpty();
        assertThat(ids("?rack=r04-k01&unknown=1")).as("unknown parameters are ignored")
                .containsExactly("c|r04-k01", "w|r04-k01");
        assertThat(alerts(http, "?rack=r04-k99").count()).isZero();
    }

    @Test
    void badFilterValuesAre400ProblemsNamingTheParameter() {
        assertBadRequest("?severity=info", "urn:thermalwatch:problem:invalid-severity", "severity must be warning");
        assertBadRequest("?severity=CRITICAL", "urn:thermalwatch:problem:invalid-severity", "was 'CRITICAL'");
        assertBadRequest("?severity=", "urn:thermalwatch:problem:invalid-severity", "severity must be warning");
        assertBadRequest("?rack=%20", "urn:thermalwatch:problem:invalid-rack", "rack must be a rack id");
        assertBadRequest("?limit=0", "urn:thermalwatch:problem:invalid-limit", "limit must be an integer in 1..10000");
        assertBadRequest("?limit=many", "urn:thermalwatch:problem:invalid-limit", "was 'many'");
        assertBadRequest("?rack=" + "k".repeat(257), "urn:thermalwatch:problem:invalid-rack", "at most 256 characters");
    }

    @Test
    void anApiStartedAfterTheRecordsShowsTheSameFiringSet() {
        AlertList before = alerts(http, "");
        try (EmbeddedServer late = startApi();
             HttpClient lateClient = late.getApplicationContext().createBean(HttpClient.class, late.getURL())) {
            await().atMost(DEADLINE).untilAsserted(() -> {
                AlertList now = alerts(http, "");
                assertThat(alerts(lateClient.toBlocking(), "")).usingRecursiveComparison().isEqualTo(now);
            });
            AlertList shown = alerts(lateClient.toBlocking(), "");
            System.out.printf("API started after the records: %d alerts firing, the same as the running API (%d before)%n",
                    shown.count(), before.count());
            assertThat(shown.alerts()).extracting(AlertView::id).contains("old|r01-k01", "esc|r01-k01")
                    .doesNotContain("gone|r01-k01");
            assertThat(late.getApplicationContext().getBean(FiringAlertRepository.class).countBySeverity())
                    .isEqualTo(server.getApplicationContext().getBean(FiringAlertRepository.class).countBySeverity());
        }
    }

    private static void assertBadRequest(String query, String type, String detail) {
        assertThatThrownBy(() -> http.exchange(viewerGet("/api/v1/alerts" + query), Argument.of(String.class),
                Argument.of(Problem.class)))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(400);
                    assertThat(e.getResponse().getContentType()).get().hasToString(Problem.CONTENT_TYPE);
                    Problem p = e.getResponse().getBody(Problem.class).orElseThrow();
                    assertThat(p.type()).isEqualTo(type);
                    assertThat(p.title()).contains("'" + type.substring(type.lastIndexOf('-') + 1) + "'");
                    assertThat(p.detail()).contains(detail);
                });
    }

    /** A GET with a viewer's token. */
    private static MutableHttpRequest<?> viewerGet(String path) {
        return HttpRequest.GET(path).header("Authorization", TestTokens.bearer("viewer"));
    }
}
