package io.thermalwatch.demo.bench;

import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * One live-load step: a paced fleet at a target rate with the streams app running, then the
 * verdict. It keeps up when the producer held the pace, and every rack window fully inside the step
 * was readable (read_committed), complete (every node's every tick) and fresh (readable no later
 * than {@link #FRESH_SLACK_MS} after its end + grace, when the tick that closes it is due).
 */
final class LoadStep {

    /** How long after end + grace a window may become readable and still count as fresh, ms. */
    static final long FRESH_SLACK_MS = 5_000;
    /**
     * Ticks a live fleet keeps sending after the one that closes a window: Kafka Streams looks for
     * closed windows at most once a wall-clock second, when a record arrives, so the window's
     * aggregate needs records after its closing tick (a real fleet never stops sending).
     */
    static final int TRAILING_TICKS = 2;
    /** How late a record may be sent and the producer still count as holding the pace, ms. */
    static final long PACE_SLACK_MS = 2_000;

    /**
     * @param targetGpuPerS   the load asked for, GPU samples/s
     * @param racks           racks sent (1 Hz, 18 nodes × 4 GPUs each)
     * @param gpuPerS         GPU samples/s actually scheduled (racks × GPUs per rack)
     * @param maxStartDelayMs the latest a record was sent after it was due
     * @param expected        rack windows fully inside the step
     * @param readable        of those, read on the aggregates topic
     * @param complete        readable with every node's sample of every tick
     * @param fresh           readable by end + grace + {@link #FRESH_SLACK_MS}
     * @param maxLagRecords   the streams app's highest committed-offset lag seen during the step
     * @param latencyMs       closing tick sent → aggregate readable, per readable window, sorted, ms
     * @param records         records sent in the step
     * @param cpu             CPU the processes used while the step's ticks were sent, or null
     */
    record Result(int targetGpuPerS, int racks, long gpuPerS, long maxStartDelayMs, int expected, int readable,
                  int complete, int fresh, long maxLagRecords, long[] latencyMs, long records, CpuMeter.Used cpu) {

        boolean keptUp() {
            return expected > 0 && maxStartDelayMs <= PACE_SLACK_MS && readable == expected && complete == expected
                    && fresh == expected;
        }

        /** The {@code q} quantile (0..1) of the latencies, ms, or -1 when none. */
        long latencyQuantileMs(double q) {
            if (latencyMs.length == 0) {
                return -1;
            }
            return latencyMs[Math.max(0, (int) Math.ceil(q * latencyMs.length) - 1)];
        }
    }

    /**
     * Alert latency of a run with faults: production of each fault sample (the one that makes its
     * alert due) → its alert first readable as firing (read_committed).
     *
     * @param injected  fault samples sent
     * @param latencyMs per fault whose alert was read, sorted, ms
     * @param alertRecords alert records read during the step (any rule, any state)
     */
    record AlertLatency(int injected, long[] latencyMs, long alertRecords) {

        int missing() {
            return injected - latencyMs.length;
        }

        /** The {@code q} quantile (0..1), ms, or -1 when none. */
        long quantileMs(double q) {
            return latencyMs.length == 0 ? -1 : latencyMs[Math.max(0, (int) Math.ceil(q * latencyMs.length) - 1)];
        }
    }

    /**
     * A step with faults: the step's verdict, its alert latency (to the alerts topic) and its delivery
     * latency (to Alertmanager's webhook; null when Alertmanager is not installed; its
     * {@code alertRecords} counts webhook notifications).
     */
    record WithFaults(Result step, AlertLatency alerts, AlertLatency delivery) {
    }

    /** Ticks at the start of a step without faults: the fleet's return resolves its staleness alerts then. */
    static final int FAULT_FREE_TICKS = 5;
    /** How long after the last fault its alert may become readable and still count, ms. */
    static final long ALERT_DEADLINE_MS = 15_000;

    private final Feed feed;
    /** When the latest step's last tick was due, epoch ms. */
    private long lastTickMs;
    private final SampleTemplates templates;
    private final AggregateWatch watch;
    private final GroupProgress group;
    private final CpuMeter cpu;
    private final Clock clock;
    private final Progress progress;
    private final long windowMs;
    private final long graceMs;

    LoadStep(Feed feed, SampleTemplates templates, AggregateWatch watch, GroupProgress group, CpuMeter cpu, Clock clock,
             Progress progress, long windowMs, long graceMs) {
        this.cpu = cpu;
        this.feed = feed;
        this.templates = templates;
        this.watch = watch;
        this.group = group;
        this.clock = clock;
        this.progress = progress;
        this.windowMs = windowMs;
        this.graceMs = graceMs;
    }

    Result run(int targetGpuPerS, int seconds) throws Exception {
        return run(targetGpuPerS, seconds, () -> false);
    }

    /** A step of at most {@code seconds}, ended before the next tick once {@code enough} says so. */
    Result run(int targetGpuPerS, int seconds, BooleanSupplier enough) throws Exception {
        return run(targetGpuPerS, seconds, 0, null, null, enough).step();
    }

    /**
     * A step with {@code faultsPerTick} faults (see {@link FaultPlan}) in each tick but the first
     * {@link #FAULT_FREE_TICKS} and the last few, timed on {@code alertWatch} and (when not null) to
     * Alertmanager's webhook on {@code delivery}.
     */
    WithFaults run(int targetGpuPerS, int seconds, int faultsPerTick, AlertWatch alertWatch, DeliveryWatch delivery)
            throws Exception {
        return run(targetGpuPerS, seconds, faultsPerTick, alertWatch, delivery, () -> false);
    }

    private WithFaults run(int targetGpuPerS, int seconds, int faultsPerTick, AlertWatch alertWatch,
                           DeliveryWatch delivery, BooleanSupplier enough) throws Exception {
        int gpusPerRack = templates.gpusPerTick(1);
        int racks = (targetGpuPerS + gpusPerRack - 1) / gpusPerRack;
        // the first tick at the next window boundary: every window of the step is whole
        long first = (clock.millis() / windowMs + 1) * windowMs;
        long last = first + (seconds - 1) * 1_000L; // until the step is ended early
        progress.say(String.format("live load %,d GPU samples/s: %,d racks, %d s from %tT", targetGpuPerS, racks,
                seconds, first));
        FaultPlan faults = faultsPerTick == 0 ? null
                : new FaultPlan(templates, racks, first, FAULT_FREE_TICKS, seconds - 3, faultsPerTick);
        long alertRecordsBefore = alertWatch == null ? 0 : alertWatch.records();
        long notificationsBefore = delivery == null ? 0 : delivery.notifications();
        Map<Long, Long> tickSent = new ConcurrentHashMap<>();
        AtomicLong maxLag = new AtomicLong();
        Thread lagSampler = new Thread(() -> sampleLag(maxLag), "bench-lag");
        lagSampler.setDaemon(true);
        lagSampler.start();
        Feed.Paced sent;
        CpuMeter.Snapshot cpuBefore = cpu.snapshot();
        CpuMeter.Used used;
        try {
            sent = feed.paced(templates, racks, first, seconds, clock, tickSent, faults, progress, enough);
            last = first + (sent.ticks() - 1) * 1_000L;
            // one more tick's time: the last tick's records are processed in it (when the app keeps up)
            TimeUnit.MILLISECONDS.sleep(Math.max(0, last + 1_000 - clock.millis()));
            used = cpuBefore.until(cpu.snapshot());
        } finally {
            lastTickMs = last;
            lagSampler.interrupt();
            lagSampler.join(5_000);
        }

        Set<String> expectedWindows = new HashSet<>();
        Map<String, Long> firstSamplePhaseMs = new HashMap<>();
        for (int r = 0; r < racks; r++) {
            // a rack's first record of a tick is the r-th sent (the first round sends one of each rack)
            firstSamplePhaseMs.put(templates.rack(templates.rackSlot(r)),
                    templates.phaseMs(templates.slotSentAt(r, racks), racks));
        }
        long lastEnd = first;
        for (long start = first; start + windowMs + graceMs + TRAILING_TICKS * 1_000L <= last; start += windowMs) {
            for (int r = 0; r < racks; r++) {
                expectedWindows.add(templates.rack(templates.rackSlot(r)) + "@" + start);
            }
            lastEnd = start + windowMs;
        }
        long deadline = lastEnd + graceMs + FRESH_SLACK_MS + 10_000; // a little past fresh: late is not missing
        List<AggregateWatch.Seen> seen = watch.within(first, lastEnd);
        while (clock.millis() < deadline && seen.size() < expectedWindows.size()) {
            TimeUnit.MILLISECONDS.sleep(200);
            seen = watch.within(first, lastEnd);
        }
        int complete = 0;
        int fresh = 0;
        int readable = 0;
        long[] latency = new long[seen.size()];
        int n = 0;
        long fullWindow = (long) templates.nodesPerRack() * (windowMs / 1_000);
        for (AggregateWatch.Seen s : seen) {
            if (!expectedWindows.contains(s.rack() + "@" + s.startMs())) {
                continue;
            }
            readable++;
            complete += s.samples() == fullWindow ? 1 : 0;
            fresh += s.readMs() <= s.endMs() + graceMs + FRESH_SLACK_MS ? 1 : 0;
            // the rack's first sample at or past end + grace closes the window: its tick's start + its phase
            Long closingTickSent = tickSent.get(s.endMs() + graceMs);
            if (closingTickSent != null) {
                latency[n++] = s.readMs() - (closingTickSent + firstSamplePhaseMs.get(s.rack()));
            }
        }
        long[] sorted = Arrays.copyOf(latency, n);
        Arrays.sort(sorted);
        Result result = new Result(targetGpuPerS, racks, (long) racks * gpusPerRack, sent.maxStartDelayMs(),
                expectedWindows.size(), readable, complete, fresh, maxLag.get(), sorted, sent.records(), used);
        progress.say(String.format("  %s: windows %d/%d readable, %d complete, %d fresh; max lag %,d records;"
                        + " latency p50 %d ms, p99 %d ms; cores: streams %.2f, broker %.2f, generator %.2f",
                result.keptUp() ? "kept up" : "FELL BEHIND", readable,
                expectedWindows.size(), complete, fresh, maxLag.get(), result.latencyQuantileMs(0.5),
                result.latencyQuantileMs(0.99), CpuMeter.Used.cores(used.streamsS(), used.wallS()),
                CpuMeter.Used.cores(used.brokerS(), used.wallS()), CpuMeter.Used.cores(used.generatorS(), used.wallS())));
        if (faults == null) {
            return new WithFaults(result, null, null);
        }
        AlertLatency alerts = latency(faults, alertWatch::firstFiringMs, alertWatch.records() - alertRecordsBefore);
        progress.say(String.format("  alerts: %d faults, %d with no alert; latency p50 %d ms, p99 %d ms, max %d ms;"
                        + " %,d alert records in the step", alerts.injected(), alerts.missing(), alerts.quantileMs(0.5),
                alerts.quantileMs(0.99), alerts.quantileMs(1.0), alerts.alertRecords()));
        AlertLatency delivered = null;
        if (delivery != null) {
            delivered = latency(faults, delivery::firstFiringMs, delivery.notifications() - notificationsBefore);
            progress.say(String.format("  Alertmanager webhook: %d faults, %d not delivered; latency p50 %d ms, p99 %d ms,"
                            + " max %d ms", delivered.injected(), delivered.missing(), delivered.quantileMs(0.5),
                    delivered.quantileMs(0.99), delivered.quantileMs(1.0)));
        }
        return new WithFaults(result, alerts, delivered);
    }

    /** Fault sample sent → {@code firstMs(alert key)}, waiting up to {@link #ALERT_DEADLINE_MS} after the last fault. */
    private AlertLatency latency(FaultPlan faults, Function<String, Long> firstMs, long records)
            throws InterruptedException {
        Map<String, Long> sent = faults.sent();
        long lastSent = sent.values().stream().mapToLong(Long::longValue).max().orElse(clock.millis());
        while (clock.millis() < lastSent + ALERT_DEADLINE_MS
                && sent.keySet().stream().anyMatch(k -> firstMs.apply(k) == null)) {
            TimeUnit.MILLISECONDS.sleep(200);
        }
        long[] latency = sent.entrySet().stream().filter(e -> firstMs.apply(e.getKey()) != null)
                .mapToLong(e -> firstMs.apply(e.getKey()) - e.getValue()).sorted().toArray();
        return new AlertLatency(sent.size(), latency, records);
    }

    /** When the latest step's last tick was due, epoch ms (0 before the first). */
    long lastTickMs() {
        return lastTickMs;
    }

    /** Waits until the streams app has committed everything produced so far, at most {@code timeoutMs}. */
    boolean drain(long timeoutMs) throws Exception {
        long deadline = clock.millis() + timeoutMs;
        while (group.lag() > 0) {
            if (clock.millis() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        return true;
    }

    private void sampleLag(AtomicLong maxLag) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                maxLag.accumulateAndGet(group.lag(), Math::max);
                TimeUnit.MILLISECONDS.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // an admin call timed out on a busy machine: the next sample counts
            }
        }
    }
}
