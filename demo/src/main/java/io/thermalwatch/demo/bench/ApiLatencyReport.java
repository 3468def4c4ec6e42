package io.thermalwatch.demo.bench;

import java.util.Locale;
import java.util.Map;

/** The report's "API latency" section ({@link ApiLatencyBenchmark}). */
final class ApiLatencyReport {

    private ApiLatencyReport() {
    }

    static void append(StringBuilder md, ApiLatencyBenchmark.Result api, int measuredSeconds) {
        md.append("## API latency\n\n");
        md.append(fmt("The API (`ApiApplication` in its own JVM, -Xmx%s, default settings, a bearer token with role "
                        + "`viewer` on every request) under the demo's load, as `bin/demo` runs it: a broker of its own, "
                        + "the streams app and a paced fleet of the demo's %d racks (their inventory published). GET "
                        + "requests at a fixed open-loop schedule of %d a second, "
                        + "in turn `/api/v1/racks` (its first page, up to 100 racks), "
                        + "`/api/v1/racks/{rack}` (the fleet's racks in turn) and `/api/v1/alerts` (up to the 100 most urgent), "
                        + "sent by %d threads, each over a kept-alive HTTP/1.1 connection of its own that it writes and reads itself (no client library's threads in between), in a JVM of its own (-Xmx%s), once the API had read its topics (its "
                        + "counts of racks and firing alerts steady over 4 s); after %,d requests %d at a time from that JVM (the API's and the client's JIT warm up) and %d s at the rate, %d s measured. Latency runs from when a request "
                        + "was due, not when it was sent, so a backlog shows (no coordinated omission). Errors: answers "
                        + "other than 200, and requests given up on (no answer %d s after the client sent them; a request "
                        + "that waited for the client's threads or a connection first can take longer and still count).\n",
                ApiChild.MAX_HEAP, ApiLatencyBenchmark.DEMO_RACKS, ApiLatencyBenchmark.RATE_PER_S, OpenLoopGets.SENDERS, OpenLoopGetsChild.MAX_HEAP,
                ApiLatencyBenchmark.JIT_WARM_UP_REQUESTS,
                ApiLatencyBenchmark.JIT_CLIENTS, ApiLatencyBenchmark.WARM_UP_SECONDS,
                measuredSeconds, OpenLoopGets.TIMEOUT.toSeconds()));
        md.append("\n| measure | value | goal |\n|---|---|---|\n");
        if (api == null) {
            row(md, "requests", "not measured: the run failed (see the progress lines)", "—");
            md.append('\n');
            return;
        }
        OpenLoopGets.Result g = api.gets();
        row(md, "fleet load meanwhile, GPU samples/s", fmt("%,d (streams %s)", api.loadGpuPerS(),
                api.loadKeptUp() ? "kept up" : "fell behind"), "—");
        row(md, "requests measured / errors", fmt("%,d / %d", g.measured(), g.errors()),
                verdict(g.measured() > 0 && g.errors() == 0, "0 errors"));
        row(md, "latency p50, ms", fmt("%.1f", g.quantileMs(0.5)), "—");
        row(md, "latency p99, ms", fmt("%.1f", g.quantileMs(0.99)),
                verdict(g.latencyNanos().length > 0 && g.quantileMs(0.99) <= ApiLatencyBenchmark.P99_GOAL_MS, "≤ 20"));
        row(md, "latency max, ms", fmt("%.1f", g.quantileMs(1.0)), "—");
        for (Map.Entry<String, long[]> e : g.byEndpoint().entrySet()) {
            row(md, "`" + e.getKey() + "` p50 / p99, ms", fmt("%.1f / %.1f", OpenLoopGets.Result.quantileMs(e.getValue(), 0.5),
                    OpenLoopGets.Result.quantileMs(e.getValue(), 0.99)), "—");
        }
        row(md, "latest measured request sent after its due time, ms", fmt("%.1f", g.maxSendLagNanos() / 1e6), "—");
        if (g.firstError() != null) {
            row(md, "first error", g.firstError().replace("|", "\\|").replace("\n", " "), "—");
        }
        md.append('\n');
    }

    private static String verdict(boolean met, String goal) {
        return goal + (met ? " (met)" : " (**not met**)");
    }

    private static void row(StringBuilder md, String... cells) {
        md.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
