package io.thermalwatch.demo.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The API's current-state endpoints under load: the API ({@link ApiChild}, its own JVM) reads a
 * broker while a paced fleet runs ({@link LoadStep}, the streams app keeping the racks' windows and
 * alerts coming; {@link DemoFleetApiRun} sets up the demo's), and {@link OpenLoopGets} sends
 * {@value #RATE_PER_S} GET requests a second in turn to {@code /api/v1/racks} (its first page, as a
 * client reads it), {@code /api/v1/racks/{rack}} (the fleet's racks in turn) and
 * {@code /api/v1/alerts}, each with a bearer token (role {@code viewer}).
 */
final class ApiLatencyBenchmark {

    static final int RATE_PER_S = 500;
    /** The demo's fleet ({@code bin/demo}'s default {@code TW_SIM_RACKS}): the load the API is measured under. */
    static final int DEMO_RACKS = 16;
    /** Seconds of requests at the rate before the measured ones: the connection pool settles. */
    static final int WARM_UP_SECONDS = 5;
    /**
     * Requests sent before the schedule, {@value #JIT_CLIENTS} at a time, each on its answer: a
     * cold API (interpreted code) on a busy machine answers 500/s so slowly that the open-loop
     * backlog never drains and every request times out, which measures the JIT, not the API.
     */
    static final int JIT_WARM_UP_REQUESTS = 3_000;
    static final int JIT_CLIENTS = 4;
    /** Seconds measured by default ({@code TW_BENCH_API_SECONDS}). */
    static final int MEASURED_SECONDS = 20;
    static final double P99_GOAL_MS = 20;

    /**
     * @param loadGpuPerS the fleet's load while measured, GPU samples/s
     * @param loadKeptUp  whether the streams app kept up with that load (its windows readable, complete, fresh)
     * @param gets        the requests' figures
     */
    record Result(int loadGpuPerS, boolean loadKeptUp, OpenLoopGets.Result gets) {
    }

    private ApiLatencyBenchmark() {
    }

    /**
     * The most seconds of paced load the run sends besides the measured ones, from before the API
     * starts: it covers the API's start, its first rack window (closed 10 s + grace after the first
     * tick), catching up and the warm-up without a pause, in which the fleet would go stale and alert
     * (those took 37-47 s before the warm-up's ~8 s here; a load that ends first is reported as not
     * kept up). The load stops once the requests are done.
     */
    static final int LOAD_SECONDS_BEFORE_MEASURED = 60;

    static Result run(String bootstrapServers, Path runDir, LoadStep step, SampleTemplates templates, int loadGpuPerS,
                      int measuredSeconds, Clock clock, Progress progress) throws Exception {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        // the API gets the secret as text; its bytes are the HMAC key
        String secretText = HexFormat.of().formatHex(secret);
        String token = BearerToken.mint(secretText.getBytes(StandardCharsets.UTF_8), "bin-benchmark", "viewer", 3_600, clock);
        int racks = (loadGpuPerS + templates.gpusPerTick(1) - 1) / templates.gpusPerTick(1);
        List<OpenLoopGets.Target> targets = new ArrayList<>();
        for (int r = 0; r < racks; r++) {
            String rack = templates.rack(templates.rackSlot(r));
            targets.add(new OpenLoopGets.Target("/api/v1/racks", "/api/v1/racks"));
            targets.add(new OpenLoopGets.Target("/api/v1/racks/{rack}", "/api/v1/racks/" + java.net.URLEncoder.encode(rack,
                    StandardCharsets.UTF_8).replace("+", "%20")));
            targets.add(new OpenLoopGets.Target("/api/v1/alerts", "/api/v1/alerts"));
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        Path log = runDir.resolve("api.log");
        ExecutorService feed = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-api-load"));
        try (ApiChild api = ApiChild.start(bootstrapServers, secretText, log)) {
            AtomicBoolean requestsDone = new AtomicBoolean();
            Future<LoadStep.Result> load = feed.submit(() -> step.run(loadGpuPerS,
                    LOAD_SECONDS_BEFORE_MEASURED + measuredSeconds, requestsDone::get));
            URI base = URI.create("http://127.0.0.1:" + api.port());
            progress.say("API started (log: " + log + "); waiting for it to answer");
            awaitAnswer(http, base.resolve(targets.get(1).path()), token, api);
            long settledS = awaitCaughtUp(http, base, token);
            progress.say(String.format("  API caught up with its topics after %d s (its counts of racks and alerts steady)",
                    settledS));
            progress.say(String.format("API latency: %d GET/s open loop, %d s warm-up + %d s measured, under %,d GPU samples/s",
                    RATE_PER_S, WARM_UP_SECONDS, measuredSeconds, loadGpuPerS));
            OpenLoopGets.Result gets = OpenLoopGetsChild.run(base, targets, token, RATE_PER_S, WARM_UP_SECONDS,
                    measuredSeconds, runDir);
            boolean loadCovered = !load.isDone();
            requestsDone.set(true);
            boolean keptUp = load.get(5, TimeUnit.MINUTES).keptUp() && loadCovered;
            progress.say(String.format("  API: %,d requests, %d errors; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%s%s",
                    gets.measured(), gets.errors(), gets.quantileMs(0.5), gets.quantileMs(0.99), gets.quantileMs(1.0),
                    gets.firstError() == null ? "" : "; first error: " + gets.firstError(),
                    loadCovered ? "" : "; the fleet's load ended before the requests did (counted as not kept up)"));
            return new Result(loadGpuPerS, keptUp, gets);
        } finally {
            feed.shutdownNow();
        }
    }

    /** {@link #JIT_WARM_UP_REQUESTS} requests, {@link #JIT_CLIENTS} at a time, each sent on the previous one's answer. */
    static void warmUp(URI base, List<OpenLoopGets.Target> targets, String token) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(JIT_CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < JIT_CLIENTS; c++) {
                int client = c;
                done.add(clients.submit(() -> {
                    try (KeepAliveGets connection = new KeepAliveGets(base, OpenLoopGets.TIMEOUT)) {
                        for (int i = client; i < JIT_WARM_UP_REQUESTS; i += JIT_CLIENTS) {
                            connection.get(targets.get(i % targets.size()).path(), token);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * Until the API has read its topics: it folds every alert record from the topic's start and
     * every rack window of its replay horizon when it starts, which after the ladder is hundreds of
     * thousands of records, and measuring while it reads measures its start-up. Caught up when the
     * counts of racks and firing alerts it serves hold for three reads 2 s apart (nothing is sent
     * meanwhile); at most 180 s. Returns the seconds it took.
     */
    private static long awaitCaughtUp(HttpClient http, URI base, String token) throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(180);
        String last = null;
        int steady = 0;
        while (steady < 3 && System.nanoTime() < deadline) {
            String counts = count(http, base.resolve("/api/v1/racks?limit=1"), token) + "/"
                    + count(http, base.resolve("/api/v1/alerts?limit=1"), token);
            steady = counts.equals(last) ? steady + 1 : 0;
            last = counts;
            TimeUnit.SECONDS.sleep(2);
        }
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    }

    /** The {@code "count"} of a listing's JSON answer, or its status when it is not a 200. */
    private static String count(HttpClient http, URI uri, String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            return "HTTP " + r.statusCode();
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"count\":(\\d+)").matcher(r.body());
        return m.find() ? m.group(1) : "?";
    }

    /** Until the API answers 200 (its Kafka readers started and the rack known), at most 120 s. */
    private static void awaitAnswer(HttpClient http, URI uri, String token, ApiChild api) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String last = "no answer";
        while (System.nanoTime() < deadline && api.isAlive()) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + r.statusCode() + " " + r.body();
            } catch (java.io.IOException e) {
                last = e.toString();
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new IllegalStateException("the API did not answer " + uri + " with 200 within 120 s"
                + (api.isAlive() ? "" : " (it exited)") + ": " + last);
    }
}
