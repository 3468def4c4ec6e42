package io.thermalwatch.api.fleet;

import static io.thermalwatch.api.fleet.FleetSummaryTest.NOW;
import static io.thermalwatch.api.fleet.FleetSummaryTest.alert;
import static io.thermalwatch.api.fleet.FleetSummaryTest.rack;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.thermalwatch.api.alert.FiringAlertRepository;
import io.thermalwatch.api.history.HistoryFixture;
import io.thermalwatch.api.rack.RackStateRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The summary over HTTP. The in-memory state is filled through its repositories: how it is
 * materialized from Kafka is covered by RackApiIT and AlertApiIT.
 */
class FleetApiIT {

    private static EmbeddedServer server;
    private static HttpClient client;
    private static BlockingHttpClient http;

    @BeforeAll
    static void start() {
        server = ApplicationContext.builder().singletons(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC))
                .properties(Map.of("kafka.bootstrap.servers", "127.0.0.1:" + HistoryFixture.closedPort(),
                        "micronaut.server.port", -1, "thermalwatch.api.stale-after", "60s",
                        io.thermalwatch.api.security.TestTokens.PROPERTY, io.thermalwatch.api.security.TestTokens.SECRET))
                .run(EmbeddedServer.class);
        client = server.getApplicationContext().createBean(HttpClient.class, server.getURL());
        http = client.toBlocking();
        RackStateRepository racks = server.getApplicationContext().getBean(RackStateRepository.class);
        racks.update(rack("h1", "r01", "r01-k01", NOW - 5_000, 50_000, 12.5, 72));
        racks.update(rack("h1", "r01", "r01-k02", NOW - 1_000, 40_000, 3.25, 68));
        racks.update(rack("h2", "r09", "r09-k01", NOW - 2_000, 10_000, 1.5, 8));
        racks.update(rack("h2", "r09", "r09-k02", NOW - 300_000, 70_000, -9.0, 8));
        FiringAlertRepository alerts = server.getApplicationContext().getBean(FiringAlertRepository.class);
        alerts.apply(alert("h1", "r01-k01", "r01", "critical"));
        alerts.apply(alert("h2", "r09-k01", "r09", "warning"));
    }

    @AfterAll
    static void stop() {
        client.close();
        server.getApplicationContext().close();
    }

    private static Map<String, Object> get(String uri) {
        HistoryFixture.Answer a = HistoryFixture.get(http, uri, null);
        assertThat(a.status()).as(a.toString()).isEqualTo(200);
        return HistoryFixture.json(a.body());
    }

    @Test
    void fleetHallAndRowSummaries() {
        assertThat(get("/api/v1/summary")).containsEntry("racksReporting", 3).containsEntry("racksStale", 1)
                .containsEntry("gpusReporting", 148).containsEntry("totalPowerKw", 100.0)
                .containsEntry("minSlowdownMargin", Map.of("marginC", 1.5, "rack", "r09-k01", "node", "r09-k01-n07", "gpu", 2))
                .containsEntry("alertsFiring", Map.of("critical", 1, "warning", 1)).doesNotContainKey("hall");
        assertThat(get("/api/v1/summary?hall=h1")).containsEntry("hall", "h1").containsEntry("racksReporting", 2)
                .containsEntry("totalPowerKw", 90.0).containsEntry("alertsFiring", Map.of("critical", 1, "warning", 0))
                .containsEntry("minSlowdownMargin", Map.of("marginC", 3.25, "rack", "r01-k02", "node", "r01-k02-n07", "gpu", 2));
        assertThat(get("/api/v1/summary?site=ams1&hall=h2&row=r09")).containsEntry("racksReporting", 1).containsEntry("racksStale", 1)
                .containsEntry("totalPowerKw", 10.0).containsEntry("alertsFiring", Map.of("critical", 0, "warning", 1));
    }

    @Test
    void anUnknownScopeIs404AndABlankIdIs400() {
        HistoryFixture.assertProblem(HistoryFixture.get(http, "/api/v1/summary?hall=h7", null), 404,
                "urn:thermalwatch:problem:unknown-scope");
        HistoryFixture.assertProblem(HistoryFixture.get(http, "/api/v1/summary?hall=h1&row=r09", null), 404,
                "urn:thermalwatch:problem:unknown-scope");
        HistoryFixture.assertProblem(HistoryFixture.get(http, "/api/v1/summary?row=%20", null), 400,
                "urn:thermalwatch:problem:invalid-row");
    }
}
