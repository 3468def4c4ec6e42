package io.thermalwatch.model;

import static io.thermalwatch.model.Bounds.requireId;
import static io.thermalwatch.model.Bounds.requireRange;
import static io.thermalwatch.model.Bounds.requireRangeOrNull;
import static io.thermalwatch.model.Bounds.requireTempOrNull;

/**
 * One row or one hall over one closed minute {@code [windowStartMs, windowEndMs)}, built from the
 * rack aggregates of its racks: the unit of {@link Topics#ROLLUPS}, keyed by {@link #key()}. Emitted
 * once per (level, entity, minute). How each figure is made from the racks' 10 s windows is in
 * docs/schema.md ("Fleet rollup"); in short, a rack counts with its mean over the windows it reported
 * in the minute, and the rollup sums the racks.
 *
 * @param schemaVersion         {@value #SCHEMA_VERSION}
 * @param level                 {@value #ROW} or {@value #HALL}
 * @param site                  site id
 * @param hall                  hall id
 * @param row                   row id for a row rollup; null for a hall rollup
 * @param windowStartMs         the minute's start, epoch ms, inclusive, 0..2^53-1
 * @param windowEndMs           its end, epoch ms, exclusive, after windowStartMs
 * @param racksReporting        racks with at least one window in the minute, 1..2^31-1
 * @param rackWindows           rack windows summed (six per rack for a full minute of 10 s windows), 1..2^31-1
 * @param racksWithInventory    racks whose last window in the minute carried inventory counts, at most racksReporting
 * @param nodesReporting        sum over racks of the most nodes the rack reported in any of its windows of the minute
 * @param gpusReporting         likewise for GPUs
 * @param expectedNodes         sum of the inventory's node counts over racks with inventory, or null if none has
 * @param expectedGpus          likewise for GPUs, or null
 * @param coveragePct           over racks with inventory: GPUs reporting averaged over the whole minute (a missing
 *                              window counts 0) ÷ expected GPUs, percent, 0..1000000, or null
 * @param totalPowerW           sum over racks of each rack's mean power over the windows it reported, W, 0..10^12
 * @param heatRemovedKw         sum over racks with coolant data of their mean heat removed, kW, 0..10^9, or null
 * @param captureRatio          heat removed ÷ electrical power over racks that have both, 0..1000, or null
 * @param powerBudgetKw         sum of the power budgets of racks that have one, kW, 0..10^9, or null
 * @param powerBudgetPct        those racks' mean power ÷ their budget, percent, 0..1000000, or null
 * @param maxGpuTempC           highest GPU temperature of any rack window, °C
 * @param maxHbmTempC           highest HBM temperature, °C, or null if none reported
 * @param minSlowdownMarginC    the lowest margin of any GPU to its own slowdown temperature, °C, -200..200, or null
 * @param minSlowdownMarginRack the rack of that GPU (ties: lowest rack, node, then index), null exactly when marginC is
 * @param minSlowdownMarginNode its node
 * @param minSlowdownMarginGpu  its index, 0..63
 * @param thermalThrottledGpus  sum over racks of the most thermally throttled GPUs in any of the rack's windows
 * @param powerCappedGpus       likewise for the software power cap reason, or null when no window reported it
 * @param powerBrakedGpus       likewise for the hardware power brake reason, or null
 * @param minSupplyTempC        lowest coolant supply temperature of any rack window, °C, or null
 * @param maxReturnTempC        highest coolant return temperature of any rack window, °C, or null
 */
public record FleetRollup(
        int schemaVersion,
        String level,
        String site,
        String hall,
        String row,
        long windowStartMs,
        long windowEndMs,
        int racksReporting,
        int rackWindows,
        int racksWithInventory,
        int nodesReporting,
        int gpusReporting,
        Integer expectedNodes,
        Integer expectedGpus,
        Double coveragePct,
        double totalPowerW,
        Double heatRemovedKw,
        Double captureRatio,
        Double powerBudgetKw,
        Double powerBudgetPct,
        double maxGpuTempC,
        Double maxHbmTempC,
        Double minSlowdownMarginC,
        String minSlowdownMarginRack,
        String minSlowdownMarginNode,
        Integer minSlowdownMarginGpu,
        int thermalThrottledGpus,
        Integer powerCappedGpus,
        Integer powerBrakedGpus,
        Double minSupplyTempC,
        Double maxReturnTempC) {

    public static final int SCHEMA_VERSION = 1;
    public static final String ROW = "row";
    public static final String HALL = "hall";
    /** Highest power of a row or hall on the wire, W (1 TW: beyond any facility, finite for the schema). */
    public static final double MAX_POWER_W = 1e12;
    /** Highest heat removed and power budget of a row or hall on the wire, kW. */
    public static final double MAX_KW = 1e9;
    public static final double MAX_PCT = 1_000_000.0;

    public FleetRollup {
        if (schemaVersion != SCHEMA_VERSION) {
            throw new InvalidTelemetryException(RejectReason.UNSUPPORTED_VERSION,
                    "schemaVersion " + schemaVersion + " is not supported (this reader reads " + SCHEMA_VERSION + ")");
        }
        if (!ROW.equals(level) && !HALL.equals(level)) {
            throw new InvalidTelemetryException(RejectReason.OUT_OF_RANGE, "level must be row or hall, was " + level);
        }
        requireId("site", site);
        requireId("hall", hall);
        if (ROW.equals(level)) {
            requireId("row", row);
        } else if (row != null) {
            throw new InvalidTelemetryException(RejectReason.OUT_OF_RANGE, "row must be absent in a hall rollup");
        }
        Bounds.requireEpochMs("windowStartMs", windowStartMs, 0);
        Bounds.requireEpochMs("windowEndMs", windowEndMs, 1);
        if (windowEndMs <= windowStartMs) {
            throw new InvalidTelemetryException(RejectReason.OUT_OF_RANGE,
                    "windowEndMs " + windowEndMs + " must be after windowStartMs " + windowStartMs);
        }
        count("racksReporting", racksReporting, 1, Integer.MAX_VALUE);
        count("rackWindows", rackWindows, 1, Integer.MAX_VALUE);
        count("racksWithInventory", racksWithInventory, 0, racksReporting);
        count("nodesReporting", nodesReporting, 0, Integer.MAX_VALUE);
        count("gpusReporting", gpusReporting, 0, Integer.MAX_VALUE);
        if (expectedNodes != null) {
            count("expectedNodes", expectedNodes, 1, Integer.MAX_VALUE);
        }
        if (expectedGpus != null) {
            count("expectedGpus", expectedGpus, 1, Integer.MAX_VALUE);
        }
        requireRangeOrNull("coveragePct", coveragePct, 0.0, MAX_PCT, "%");
        requireRange("totalPowerW", totalPowerW, 0.0, MAX_POWER_W, "W");
        requireRangeOrNull("heatRemovedKw", heatRemovedKw, 0.0, MAX_KW, "kW");
        requireRangeOrNull("captureRatio", captureRatio, 0.0, RackAggregate.MAX_CAPTURE_RATIO, "");
        requireRangeOrNull("powerBudgetKw", powerBudgetKw, 0.0, MAX_KW, "kW");
        requireRangeOrNull("powerBudgetPct", powerBudgetPct, 0.0, MAX_PCT, "%");
        Bounds.requireTemp("maxGpuTempC", maxGpuTempC);
        requireTempOrNull("maxHbmTempC", maxHbmTempC);
        requireMargin(minSlowdownMarginC, minSlowdownMarginRack, minSlowdownMarginNode, minSlowdownMarginGpu);
        count("thermalThrottledGpus", thermalThrottledGpus, 0, gpusReporting);
        if (powerCappedGpus != null) {
            count("powerCappedGpus", powerCappedGpus, 0, gpusReporting);
        }
        if (powerBrakedGpus != null) {
            count("powerBrakedGpus", powerBrakedGpus, 0, gpusReporting);
        }
        requireTempOrNull("minSupplyTempC", minSupplyTempC);
        requireTempOrNull("maxReturnTempC", maxReturnTempC);
    }

    /**
     * The record key on {@link Topics#ROLLUPS}: {@code site/hall/row} for a row, {@code site/hall} for a
     * hall, each id with {@code %} written {@code %25} and {@code /} written {@code %2F} (as in a URI
     * path), so that the key names one entity whatever its ids hold.
     */
    public String key() {
        return ROW.equals(level) ? rowKey(site, hall, row) : hallKey(site, hall);
    }

    /** The key of a row's rollups (see {@link #key()}). */
    public static String rowKey(String site, String hall, String row) {
        return escape(site) + '/' + escape(hall) + '/' + escape(row);
    }

    /** The key of a hall's rollups (see {@link #key()}). */
    public static String hallKey(String site, String hall) {
        return escape(site) + '/' + escape(hall);
    }

    private static String escape(String id) {
        return id.indexOf('%') < 0 && id.indexOf('/') < 0 ? id : id.replace("%", "%25").replace("/", "%2F");
    }

    private static void requireMargin(Double marginC, String rack, String node, Integer gpu) {
        if (marginC == null) {
            if (rack != null || node != null || gpu != null) {
                throw new InvalidTelemetryException(RejectReason.OUT_OF_RANGE,
                        "minSlowdownMarginRack, Node and Gpu are present exactly when minSlowdownMarginC is");
            }
            return;
        }
        requireRange("minSlowdownMarginC", marginC, -200.0, 200.0, "°C");
        requireId("minSlowdownMarginRack", rack);
        requireId("minSlowdownMarginNode", node);
        if (gpu == null) {
            throw new InvalidTelemetryException(RejectReason.MALFORMED, "minSlowdownMarginGpu is missing");
        }
        count("minSlowdownMarginGpu", gpu, 0, GpuReading.MAX_INDEX);
    }

    private static void count(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidTelemetryException(RejectReason.OUT_OF_RANGE, field + " must be in " + min + ".."
                    + (max == Integer.MAX_VALUE ? "2^31-1" : Integer.toString(max)) + ", was " + value);
        }
    }
}
