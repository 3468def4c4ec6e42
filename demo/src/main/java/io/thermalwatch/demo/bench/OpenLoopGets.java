package io.thermalwatch.demo.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * GET requests on a fixed open-loop schedule: request {@code i} is due at start + i / rate and is
 * sent then, whether or not earlier ones have answered, and its latency runs from when it was due
 * (not from when it was sent), so a server or client that falls behind shows in the figures
 * instead of slowing the schedule (no coordinated omission). The targets are requested in turn.
 *
 * <p>Each request is sent by one of {@value #SENDERS} threads, each over its own kept-alive
 * connection ({@link KeepAliveGets}: written and read on that thread; a request finding every
 * thread busy waits, and that wait is in its latency). The JDK client was measured here adding
 * 100-1,000 ms ({@code sendAsync}) and ~100 ms (blocking {@code send}, its selector thread in
 * between) to the p99 of an API that answers in a few ms: it measured the client.
 */
final class OpenLoopGets {

    /**
     * A request not answered this long after the client sent it is an error (its latency is not
     * counted); the time it waited before (client threads, a connection) is not in this bound.
     */
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Sending threads: at 500 requests/s they allow 64 in flight, 128 ms each, before requests queue. */
    static final int SENDERS = 64;

    /** One endpoint and the path requested for it, e.g. {@code /api/v1/racks/{rack}} and {@code /api/v1/racks/r01-k01}. */
    record Target(String endpoint, String path) {
    }

    /**
     * @param sent          requests sent, warm-up included
     * @param measured      requests after the warm-up
     * @param errors        of those, answered other than 200, failed or timed out
     * @param firstError    the first error's status or exception, or null
     * @param latencyNanos  due → answer of each measured 200, sorted, ns
     * @param byEndpoint    the same per endpoint, sorted, ns
     * @param maxSendLagNanos the latest a measured request was sent after it was due, ns
     */
    record Result(int sent, int measured, int errors, String firstError, long[] latencyNanos,
                  Map<String, long[]> byEndpoint, long maxSendLagNanos) {

        /** The {@code q} quantile (0..1) of {@code nanos} in ms, or -1 when none. */
        static double quantileMs(long[] nanos, double q) {
            if (nanos.length == 0) {
                return -1;
            }
            return nanos[Math.max(0, (int) Math.ceil(q * nanos.length) - 1)] / 1e6;
        }

        double quantileMs(double q) {
            return quantileMs(latencyNanos, q);
        }
    }

    private OpenLoopGets() {
    }

    static Result run(URI base, List<Target> targets, String bearerToken, int ratePerS, int warmUpSeconds,
                      int seconds) throws InterruptedException {
        List<KeepAliveGets> connections = new CopyOnWriteArrayList<>();
        ThreadLocal<KeepAliveGets> connection = ThreadLocal.withInitial(() -> {
            KeepAliveGets c = new KeepAliveGets(base, TIMEOUT);
            connections.add(c);
            return c;
        });
        try {
            return run(connection, targets, bearerToken, ratePerS, warmUpSeconds, seconds);
        } finally {
            connections.forEach(KeepAliveGets::close);
        }
    }

    private static Result run(ThreadLocal<KeepAliveGets> connection, List<Target> targets, String bearerToken, int ratePerS,
                              int warmUpSeconds, int seconds) throws InterruptedException {
        int warmUp = ratePerS * warmUpSeconds;
        int total = warmUp + ratePerS * seconds;
        long periodNanos = 1_000_000_000L / ratePerS;
        long[] latency = new long[total - warmUp];
        int[] status = new int[total - warmUp];
        AtomicReference<String> firstError = new AtomicReference<>();
        List<CompletableFuture<?>> pending = new ArrayList<>(total);
        long maxLag = 0;
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS, r -> {
            Thread t = new Thread(r, "bench-api-get");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime() + 10_000_000L;
        for (int i = 0; i < total; i++) {
            long due = start + i * periodNanos;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            if (i >= warmUp) { // the warm-up opens the connections and starts the threads
                maxLag = Math.max(maxLag, System.nanoTime() - due);
            }
            Target target = targets.get(i % targets.size());
            int slot = i - warmUp;
            pending.add(CompletableFuture.runAsync(() -> {
                int code;
                String failure = null;
                try {
                    code = connection.get().get(target.path(), bearerToken);
                } catch (java.io.IOException | RuntimeException e) {
                    code = -1;
                    failure = e.toString();
                }
                long took = System.nanoTime() - due;
                if (slot < 0) {
                    return;
                }
                status[slot] = code;
                latency[slot] = took;
                if (code != 200) {
                    firstError.compareAndSet(null, target.path() + ": " + (failure != null ? failure : "HTTP " + code));
                }
            }, senders));
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            // counted below: a request that failed or never answered has no 200
        } finally {
            senders.shutdownNow();
        }
        int errors = 0;
        Map<String, List<Long>> perEndpoint = new LinkedHashMap<>();
        targets.forEach(t -> perEndpoint.putIfAbsent(t.endpoint(), new ArrayList<>()));
        List<Long> all = new ArrayList<>();
        for (int slot = 0; slot < latency.length; slot++) {
            if (status[slot] != 200) {
                errors++;
                continue;
            }
            all.add(latency[slot]);
            perEndpoint.get(targets.get((slot + warmUp) % targets.size()).endpoint()).add(latency[slot]);
        }
        Map<String, long[]> byEndpoint = new LinkedHashMap<>();
        perEndpoint.forEach((k, v) -> byEndpoint.put(k, sorted(v)));
        String first = firstError.get() != null || errors == 0 ? firstError.get() : "no answer within " + TIMEOUT.toSeconds() + " s";
        return new Result(total, latency.length, errors, first, sorted(all), byEndpoint, maxLag);
    }

    private static long[] sorted(List<Long> values) {
        long[] a = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        return a;
    }
}
