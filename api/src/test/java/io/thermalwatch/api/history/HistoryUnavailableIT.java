package io.thermalwatch.api.history;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** InfluxDB away: every endpoint that reads it answers 503 problem+json, never a 500. */
class HistoryUnavailableIT {

    @Test
    void withoutInfluxDbHistoryEndpointsAre503Problems() {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "kafka.bootstrap.servers", "127.0.0.1:" + HistoryFixture.closedPort(), "micronaut.server.port", -1,
                "thermalwatch.api.influx.url", "http://127.0.0.1:" + HistoryFixture.closedPort(),
                io.thermalwatch.api.security.TestTokens.PROPERTY, io.thermalwatch.api.security.TestTokens.SECRET));
             HttpClient client = server.getApplicationContext().createBean(HttpClient.class, server.getURL())) {
            for (String uri : List.of("/api/v1/history/racks/r01-k01", "/api/v1/history/gpus/r01-k01/n01/0",
                    "/api/v1/racks/r01-k01/gpus", "/api/v1/alerts/history")) {
                HistoryFixture.Answer a = HistoryFixture.get(client.toBlocking(), uri, null);
                HistoryFixture.assertProblem(a, 503, "urn:thermalwatch:problem:history-unavailable");
            }
        }
    }
}
