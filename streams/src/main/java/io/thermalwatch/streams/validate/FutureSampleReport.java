package io.thermalwatch.streams.validate;

import io.thermalwatch.streams.rackstate.RackInput;
import java.time.Clock;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts for samples stamped ahead of their arrival (a node whose clock runs fast) that were
 * accepted and re-timed to their arrival: a per-thread Kafka Streams metric
 * ({@value #METRIC_GROUP} / {@value #METRIC_TOTAL}), a DEBUG line per sample, and a WARN naming the
 * node that ran furthest ahead, at most once a minute for the whole app. Shared by every task.
 */
public final class FutureSampleReport {

    /** The metric group of {@link #sensor}: Kafka Streams prefixes the scope with "stream-". */
    public static final String METRIC_GROUP = "stream-thermalwatch-metrics";
    /** The count of re-timed samples since the thread started. */
    public static final String METRIC_TOTAL = "future-samples-retimed-total";

    private static final Logger LOG = LoggerFactory.getLogger(FutureSampleReport.class);
    private static final long REPORT_EVERY_MS = 60_000;

    private final Clock clock;
    private long lastReportMs = Long.MIN_VALUE;
    private long countSinceReport;
    private long maxAheadMs;
    private String maxAheadNode;

    public FutureSampleReport(Clock clock) {
        this.clock = clock;
    }

    /** The calling stream thread's counter (created once per thread, shared by its tasks). */
    static Sensor sensor(StreamsMetrics metrics) {
        return metrics.addRateTotalSensor("thermalwatch", "sample-validator", "future-samples-retimed",
                Sensor.RecordingLevel.INFO);
    }

    /** Notes one accepted sample that was {@code aheadMs} (milliseconds, > 0) ahead of its arrival. */
    synchronized void retimed(RackInput sample, long aheadMs) {
        LOG.debug("sample of {} was {} ms ahead of its arrival; windowed at its arrival", sample.origin(), aheadMs);
        countSinceReport++;
        if (aheadMs > maxAheadMs) {
            maxAheadMs = aheadMs;
            maxAheadNode = sample.origin();
        }
        long now = clock.millis();
        if (lastReportMs == Long.MIN_VALUE || now - lastReportMs >= REPORT_EVERY_MS) {
            LOG.warn("{} sample(s) stamped ahead of their arrival at Kafka since the last report were windowed "
                    + "at their arrival; furthest ahead: {}, {} ms. Check its clock (NTP).",
                    countSinceReport, maxAheadNode, maxAheadMs);
            lastReportMs = now;
            countSinceReport = 0;
            maxAheadMs = 0;
            maxAheadNode = null;
        }
    }
}
