package io.thermalwatch.collector;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The collector's own counters, exposed in Prometheus text format by {@code MetricsServer}.
 * Per-source counters are labelled by source name; delivery counters come from the publisher.
 */
public final class CollectorMetrics {

    private final Map<String, AtomicLong> samplesRead = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> sourceErrors = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> unsupported = new ConcurrentHashMap<>();
    private final AtomicLong ticks = new AtomicLong();
    private final Map<String, LongSupplier> delivery = new ConcurrentHashMap<>();

    /**
     * Starts a source's counters at 0, so that each has a series from the start: a rate or an
     * alert on errors then works before the first error, not only after it.
     */
    public void registerSource(String source) {
        samplesRead.computeIfAbsent(source, s -> new AtomicLong());
        sourceErrors.computeIfAbsent(source, s -> new AtomicLong());
        unsupported.computeIfAbsent(source, s -> new AtomicLong());
    }

    public void samplesRead(String source, int count) {
        samplesRead.computeIfAbsent(source, s -> new AtomicLong()).addAndGet(count);
    }

    /** Counts one failed read of a source; returns the source's failures so far. */
    public long sourceError(String source) {
        return sourceErrors.computeIfAbsent(source, s -> new AtomicLong()).incrementAndGet();
    }

    /** Counts a GPU or field a source cannot read (reported once by the source's log). */
    public void unsupported(String source) {
        unsupported.computeIfAbsent(source, s -> new AtomicLong()).incrementAndGet();
    }

    public void tick() {
        ticks.incrementAndGet();
    }

    public long ticks() {
        return ticks.get();
    }

    public long samplesRead() {
        return samplesRead.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public long sourceErrors() {
        return sourceErrors.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Registers a delivery gauge or counter (published, dropped, buffered bytes...). */
    public void registerDelivery(String name, LongSupplier value) {
        delivery.put(name, value);
    }

    /** Prometheus text exposition format 0.0.4. */
    public String prometheusText() {
        StringBuilder out = new StringBuilder(1024);
        labelled(out, "thermalwatch_collector_samples_read_total", "counter", "Samples read from each source", samplesRead);
        labelled(out, "thermalwatch_collector_source_errors_total", "counter", "Failed reads of each source", sourceErrors);
        labelled(out, "thermalwatch_collector_unsupported_total", "counter",
                "GPUs or fields a source could not read", unsupported);
        single(out, "thermalwatch_collector_ticks_total", "counter", "Sampling cycles run", ticks.get());
        delivery.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            String name = "thermalwatch_collector_" + e.getKey();
            single(out, name, name.endsWith("_total") ? "counter" : "gauge", e.getKey().replace('_', ' '), e.getValue().getAsLong());
        });
        return out.toString();
    }

    private static void labelled(StringBuilder out, String name, String type, String help, Map<String, AtomicLong> values) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        values.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out.append(name)
                .append("{source=\"").append(e.getKey().replace("\\", "\\\\").replace("\"", "\\\"")).append("\"} ")
                .append(e.getValue().get()).append('\n'));
    }

    private static void single(StringBuilder out, String name, String type, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        out.append(name).append(' ').append(value).append('\n');
    }
}
