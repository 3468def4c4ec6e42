package io.thermalwatch.demo;

import io.thermalwatch.api.alert.AlertCounts;
import io.thermalwatch.model.RackAggregate;
import java.util.List;

/**
 * Decides when the demo prints its summary: once per closed window, when every rack has reached
 * it (or {@link #SETTLE_MS} after the first rack did, so that a silent rack does not hold the line
 * back). Polled every second; a window is never printed twice.
 */
final class SummaryTicker {

    /** How long after the first rack's new window the line is printed even if some racks lag, ms. */
    static final long SETTLE_MS = 5_000;

    private long printedEndMs = Long.MIN_VALUE;
    private long pendingEndMs = Long.MIN_VALUE;
    private long pendingSinceMs;

    /**
     * @param alerts the alerts firing now, counted on the printed line
     * @param nowMs  this poll's time, epoch ms
     * @return the line to print now, or {@code null} when there is nothing new
     */
    String poll(List<RackAggregate> racks, AlertCounts alerts, long sent, long unsent, long nowMs) {
        if (racks.isEmpty()) {
            return null;
        }
        long maxEnd = racks.stream().mapToLong(RackAggregate::windowEndMs).max().orElseThrow();
        long minEnd = racks.stream().mapToLong(RackAggregate::windowEndMs).min().orElseThrow();
        if (maxEnd <= printedEndMs) {
            return null;
        }
        if (maxEnd != pendingEndMs) {
            pendingEndMs = maxEnd;
            pendingSinceMs = nowMs;
        }
        if (minEnd < maxEnd && nowMs - pendingSinceMs < SETTLE_MS) {
            return null;
        }
        printedEndMs = maxEnd;
        return LiveSummary.line(racks, alerts, sent, unsent);
    }
}
