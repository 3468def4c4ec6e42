package io.thermalwatch.model;

import static io.thermalwatch.model.Bounds.requireId;

/**
 * A rack's telemetry over one closed tumbling event-time window {@code [windowStartMs, windowEndMs)}:
 * the unit of {@link Topics#RACK_AGGREGATES}, keyed by {@link #rack()}. Emitted once, when the
 * window closes (stream time passes its end plus the grace period).
 *
 * @param schemaVersion        wire schema version, {@value #SCHEMA_VERSION}
 * @param site                 site id
 * @param hall                 hall id
 * @param row                  row id
 * @param rack                 rack id
 * @param windowStartMs        window start, epoch ms, inclusive, 0..2^53-1
 * @param windowEndMs          window end, epoch ms, exclusive, after windowStartMs, at most 2^53-1
 * @param nodesReporting       distinct nodes with at least one sample in the window
 * @param gpusReporting        distinct GPUs (node, index) with at least one reading in the window
 * @param samples              node samples aggregated, 0..2^53-1
 * @param totalPowerW          mean rack power over the window, watts: the sum over nodes of each
 *                             node's mean total GPU power across its samples in the window
 * @param meanGpuTempC         mean of all GPU temperature readings in the window, °C, -40..150
 * @param maxGpuTempC          highest GPU temperature reading in the window, °C, -40..150
 * @param maxHbmTempC          highest HBM temperature reading in the window, °C, or null if none reported
 * @param thermalThrottledGpus distinct GPUs with a thermal clock-event reason in any reading of the window
 */
public record RackAggregate(
        int schemaVersion,
        String site,
        String hall,
        String row,
        String rack,
        long windowStartMs,
        long windowEndMs,
        int nodesReporting,
        int gpusReporting,
        long samples,
        double totalPowerW,
        double meanGpuTempC,
        double maxGpuTempC,
        Double maxHbmTempC,
        int thermalThrottledGpus) {

    public static final int SCHEMA_VERSION = 1;
    /** The highest rack power on the wire, W (100 MW, as a coolant sample's rackPowerKw bound). */
    static final double MAX_RACK_POWER_W = 100_000_000.0;

    public RackAggregate {
        if (schemaVersion != SCHEMA_VERSION) {
            throw new InvalidTelemetryException(RejectReason.UNSUPPORTED_VERSION,
                    "schemaVersion " + schemaVersion + " is not supported (this reader reads " + SCHEMA_VERSION + ")");
        }
        requireId("site", site);
        requireId("hall", hall);
        requireId("row", row);
        requireId("rack", rack);
        Bounds.requireEpochMs("windowStartMs", windowStartMs, 0);
        Bounds.requireEpochMs("windowEndMs", windowEndMs, 1);
        Bounds.requireCount("samples", samples, 0, Bounds.MAX_SAFE_INTEGER);
        Bounds.requireRange("totalPowerW", totalPowerW, 0.0, MAX_RACK_POWER_W, "W");
        Bounds.requireTemp("meanGpuTempC", meanGpuTempC);
        Bounds.requireTemp("maxGpuTempC", maxGpuTempC);
        Bounds.requireTempOrNull("maxHbmTempC", maxHbmTempC);
        if (windowEndMs <= windowStartMs) {
            throw new InvalidTelemetryException(RejectReason.OUT_OF_RANGE,
                    "windowEndMs " + windowEndMs + " must be after windowStartMs " + windowStartMs);
        }
        if (nodesReporting < 0 || gpusReporting < 0 || samples < 0 || thermalThrottledGpus < 0
                || thermalThrottledGpus > gpusReporting) {
            throw new InvalidTelemetryException(RejectReason.OUT_OF_RANGE,
                    "counts must be non-negative and thermalThrottledGpus <= gpusReporting");
        }
    }
}
