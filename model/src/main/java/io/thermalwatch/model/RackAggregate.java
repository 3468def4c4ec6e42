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
 * @param expectedNodes        nodes the inventory says the rack holds, 1..1000, or null (rack not in the inventory)
 * @param expectedGpus         GPUs the inventory says the rack holds, 1..64000, or null
 * @param powerCappedGpus      distinct GPUs with the software power cap reason in any reading, or null (older writer)
 * @param powerBrakedGpus      distinct GPUs with the hardware power brake reason in any reading, or null (older writer)
 * @param minSlowdownMargin    the GPU closest to its own slowdown temperature, or null when no GPU reported one
 * @param powerBudgetKw        the inventory's power budget, kW, 0..10000, or null
 * @param powerBudgetPct       mean power ÷ budget, percent, 0..1000000, or null
 * @param supplyTempC          mean coolant supply temperature of the rack's loop, °C, or null (no loop or several)
 * @param returnTempC          mean coolant return temperature of the rack's loop, °C, or null
 * @param deltaTempC           return − supply, °C, -190..190, or null
 * @param flowLpm              mean coolant flow of the rack's loop, litres per minute, or null
 * @param heatRemovedKw        heat all of the rack's loops removed, kW (flow × ρ × c_p × ΔT), 0..100000, or null
 * @param captureRatio         heat removed ÷ mean electrical power (1.0 = all of it), 0..1000, or null
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
        int thermalThrottledGpus,
        Integer expectedNodes,
        Integer expectedGpus,
        Integer powerCappedGpus,
        Integer powerBrakedGpus,
        Margin minSlowdownMargin,
        Double powerBudgetKw,
        Double powerBudgetPct,
        Double supplyTempC,
        Double returnTempC,
        Double deltaTempC,
        Double flowLpm,
        Double heatRemovedKw,
        Double captureRatio) {

    public static final int SCHEMA_VERSION = 1;
    /** The highest rack power on the wire, W (100 MW, as a coolant sample's rackPowerKw bound). */
    static final double MAX_RACK_POWER_W = 100_000_000.0;

    /** The highest power ÷ budget on the wire, percent. */
    public static final double MAX_BUDGET_PCT = 1_000_000.0;
    /** The highest capture ratio on the wire. */
    public static final double MAX_CAPTURE_RATIO = 1000.0;

    /** An aggregate of the first schema's fields only (every later field absent). */
    public RackAggregate(int schemaVersion, String site, String hall, String row, String rack, long windowStartMs,
                         long windowEndMs, int nodesReporting, int gpusReporting, long samples, double totalPowerW,
                         double meanGpuTempC, double maxGpuTempC, Double maxHbmTempC, int thermalThrottledGpus) {
        this(schemaVersion, site, hall, row, rack, windowStartMs, windowEndMs, nodesReporting, gpusReporting, samples,
                totalPowerW, meanGpuTempC, maxGpuTempC, maxHbmTempC, thermalThrottledGpus, null, null, null, null, null,
                null, null, null, null, null, null, null, null);
    }

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
        requireCountOrNull("expectedNodes", expectedNodes, 1, 1000, Integer.MAX_VALUE);
        requireCountOrNull("expectedGpus", expectedGpus, 1, 64_000, Integer.MAX_VALUE);
        requireCountOrNull("powerCappedGpus", powerCappedGpus, 0, Integer.MAX_VALUE, gpusReporting);
        requireCountOrNull("powerBrakedGpus", powerBrakedGpus, 0, Integer.MAX_VALUE, gpusReporting);
        Bounds.requireRangeOrNull("powerBudgetKw", powerBudgetKw, 0.0, 10_000.0, "kW");
        Bounds.requireRangeOrNull("powerBudgetPct", powerBudgetPct, 0.0, MAX_BUDGET_PCT, "%");
        Bounds.requireTempOrNull("supplyTempC", supplyTempC);
        Bounds.requireTempOrNull("returnTempC", returnTempC);
        Bounds.requireRangeOrNull("deltaTempC", deltaTempC, -190.0, 190.0, "°C");
        Bounds.requireRangeOrNull("flowLpm", flowLpm, 0.0, CoolantSample.MAX_FLOW_LPM, "L/min");
        Bounds.requireRangeOrNull("heatRemovedKw", heatRemovedKw, 0.0, 100_000.0, "kW");
        Bounds.requireRangeOrNull("captureRatio", captureRatio, 0.0, MAX_CAPTURE_RATIO, "");
    }

    /**
     * The reading closest to its own GPU's slowdown temperature in the window.
     *
     * @param marginC {@code slowdownTempC − gpuTempC}, °C, -200..200
     * @param node    its node (ties: the lowest node id, then index)
     * @param gpu     its GPU index, 0..63
     */
    public record Margin(double marginC, String node, int gpu) {
        public Margin {
            Bounds.requireRange("minSlowdownMargin.marginC", marginC, -200.0, 200.0, "°C");
            requireId("minSlowdownMargin.node", node);
            requireCountOrNull("minSlowdownMargin.gpu", gpu, 0, GpuReading.MAX_INDEX, Integer.MAX_VALUE);
        }
    }

    private static void requireCountOrNull(String field, Integer value, int min, int max, int atMost) {
        if (value != null && (value < min || value > max || value > atMost)) {
            throw new InvalidTelemetryException(RejectReason.OUT_OF_RANGE, field + " must be in " + min + ".." + max
                    + (atMost < Integer.MAX_VALUE ? " and at most gpusReporting (" + atMost + ")" : "") + ", was " + value);
        }
    }
}
