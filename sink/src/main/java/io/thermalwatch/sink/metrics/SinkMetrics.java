package io.thermalwatch.sink.metrics;

import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The sink's counters and gauges, as Prometheus text ({@code thermalwatch_sink_*}). Per-topic
 * series exist from start (at 0) for the topics named at construction.
 */
public final class SinkMetrics {

    private final Clock clock;
    private final Map<String, LongAdder> records = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> skipped = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> points = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lag = new ConcurrentHashMap<>();
    private final LongAdder batches = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final AtomicLong uncommitted = new AtomicLong();
    /** When the current run of failed writes began, epoch ms; 0 while writes succeed. */
    private final AtomicLong failingSinceMs = new AtomicLong();

    public SinkMetrics(Iterable<String> topics, Clock clock) {
        this.clock = clock;
        for (String topic : topics) {
            records.put(topic, new LongAdder());
            skipped.put(topic, new LongAdder());
            points.put(topic, new LongAdder());
            lag.put(topic, new AtomicLong());
        }
    }

    public void recordRead(String topic) {
        records.computeIfAbsent(topic, t -> new LongAdder()).increment();
    }

    public void recordSkipped(String topic) {
        skipped.computeIfAbsent(topic, t -> new LongAdder()).increment();
    }

    /** Points written and committed, per topic. */
    public void pointsWritten(String topic, long n) {
        points.computeIfAbsent(topic, t -> new LongAdder()).add(n);
    }

    public long pointsWritten() {
        return points.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public void batchWritten() {
        batches.increment();
        failingSinceMs.set(0);
    }

    public void writeFailed() {
        retries.increment();
        failingSinceMs.compareAndSet(0, clock.millis());
    }

    public void batchRejected() {
        rejected.increment();
    }

    /** Records between the consumer's position and the end of each topic, summed over its partitions. */
    public void lag(String topic, long records) {
        lag.computeIfAbsent(topic, t -> new AtomicLong()).set(records);
    }

    public long lag() {
        return lag.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public void uncommitted(long records) {
        uncommitted.set(records);
    }

    /** How long writes have been failing, ms, 0 when they succeed. */
    public long failingForMs() {
        long since = failingSinceMs.get();
        return since == 0 ? 0 : clock.millis() - since;
    }

    public String prometheusText() {
        StringBuilder out = new StringBuilder();
        perTopic(out, "records_total", "counter", "records read from Kafka", records);
        perTopic(out, "records_skipped_total", "counter", "unreadable records skipped (logged at WARN)", skipped);
        perTopic(out, "points_written_total", "counter", "points written to InfluxDB and committed", points);
        Map<String, LongAdder> lagView = new TreeMap<>();
        lag.forEach((t, v) -> {
            LongAdder a = new LongAdder();
            a.add(v.get());
            lagView.put(t, a);
        });
        perTopic(out, "consumer_lag_records", "gauge", "records not yet read: end offset minus position, over the topic's partitions", lagView);
        single(out, "uncommitted_records", "gauge", "records read but not yet written and committed", uncommitted.get());
        single(out, "batches_written_total", "counter", "successful writes", batches.sum());
        single(out, "write_failures_total", "counter", "failed writes, each retried with backoff", retries.sum());
        single(out, "batches_rejected_total", "counter", "writes InfluxDB refused (4xx), not retried", rejected.sum());
        single(out, "write_failing_seconds", "gauge", "how long writes have been failing, 0 when they succeed", failingForMs() / 1000);
        return out.toString();
    }

    private static void perTopic(StringBuilder out, String name, String type, String help, Map<String, LongAdder> values) {
        out.append("# HELP thermalwatch_sink_").append(name).append(' ').append(help).append('\n')
                .append("# TYPE thermalwatch_sink_").append(name).append(' ').append(type).append('\n');
        new TreeMap<>(values).forEach((topic, v) ->
                out.append("thermalwatch_sink_").append(name).append("{topic=\"").append(topic).append("\"} ").append(v.sum()).append('\n'));
    }

    private static void single(StringBuilder out, String name, String type, String help, long value) {
        out.append("# HELP thermalwatch_sink_").append(name).append(' ').append(help).append('\n')
                .append("# TYPE thermalwatch_sink_").append(name).append(' ').append(type).append('\n')
                .append("thermalwatch_sink_").append(name).append(' ').append(value).append('\n');
    }
}
