package io.thermalwatch.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiLatencyReportTest {

    private static String section(ApiLatencyBenchmark.Result result) {
        StringBuilder md = new StringBuilder();
        ApiLatencyReport.append(md, result, 20);
        return md.toString();
    }

    @Test
    void reportsTheQuantilesPerEndpointAndTheGoal() {
        Map<String, long[]> byEndpoint = new LinkedHashMap<>();
        byEndpoint.put("/api/v1/racks", new long[] {1_000_000, 2_000_000});
        byEndpoint.put("/api/v1/racks/{rack}", new long[] {3_000_000});
        byEndpoint.put("/api/v1/alerts", new long[] {25_000_000});
        OpenLoopGets.Result gets = new OpenLoopGets.Result(12_500, 10_000, 9_996, "/api/v1/alerts: HTTP 503",
                new long[] {1_000_000, 2_000_000, 3_000_000, 25_000_000}, byEndpoint, 1_500_000);
        String md = section(new ApiLatencyBenchmark.Result(504, true, gets));
        assertThat(md).startsWith("## API latency\n")
                .contains("| fleet load meanwhile, GPU samples/s | 504 (streams kept up) | — |")
                .contains("| requests measured / errors | 10,000 / 9996 | 0 errors (**not met**) |")
                .contains("| latency p50, ms | 2.0 | — |")
                .contains("| latency p99, ms | 25.0 | ≤ 20 (**not met**) |")
                .contains("| `/api/v1/racks/{rack}` p50 / p99, ms | 3.0 / 3.0 | — |")
                .contains("| `/api/v1/alerts` p50 / p99, ms | 25.0 / 25.0 | — |")
                .contains("| first error | /api/v1/alerts: HTTP 503 | — |");
    }

    @Test
    void saysWhenNotMeasured() {
        assertThat(section(null)).contains("| requests | not measured: the run failed (see the progress lines) | — |")
                .doesNotContain("p99");
    }
}
