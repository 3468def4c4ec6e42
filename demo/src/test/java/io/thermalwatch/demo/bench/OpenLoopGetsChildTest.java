package io.thermalwatch.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenLoopGetsChildTest {

    @Test
    void theChildsFiguresComeBackAsTheyWere(@TempDir Path dir) throws Exception {
        Map<String, long[]> byEndpoint = new LinkedHashMap<>();
        byEndpoint.put("/api/v1/racks", new long[] {1_000_000, 3_000_000});
        byEndpoint.put("/api/v1/alerts", new long[] {2_000_000});
        OpenLoopGets.Result r = new OpenLoopGets.Result(12, 4, 1, "/api/v1/alerts: HTTP 503",
                new long[] {1_000_000, 2_000_000, 3_000_000}, byEndpoint, 44_400_000);
        OpenLoopGetsChild.write(r, dir.resolve("r"));
        OpenLoopGets.Result back = OpenLoopGetsChild.read(dir.resolve("r"));
        assertThat(back.sent()).isEqualTo(12);
        assertThat(back.measured()).isEqualTo(4);
        assertThat(back.errors()).isEqualTo(1);
        assertThat(back.firstError()).isEqualTo("/api/v1/alerts: HTTP 503");
        assertThat(back.latencyNanos()).containsExactly(1_000_000, 2_000_000, 3_000_000);
        assertThat(back.byEndpoint()).containsOnlyKeys("/api/v1/racks", "/api/v1/alerts");
        assertThat(back.byEndpoint().get("/api/v1/racks")).containsExactly(1_000_000, 3_000_000);
        assertThat(back.byEndpoint().keySet()).containsExactly("/api/v1/racks", "/api/v1/alerts");
        assertThat(back.maxSendLagNanos()).isEqualTo(44_400_000);
        assertThat(back.quantileMs(0.99)).isEqualTo(3.0);

        OpenLoopGets.Result clean = new OpenLoopGets.Result(1, 1, 0, null, new long[] {5}, Map.of(), 0);
        OpenLoopGetsChild.write(clean, dir.resolve("c"));
        assertThat(OpenLoopGetsChild.read(dir.resolve("c")).firstError()).isNull();
    }
}
