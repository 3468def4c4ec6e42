package io.thermalwatch.model;

import static io.thermalwatch.model.Bounds.requireId;
import static io.thermalwatch.model.Bounds.requireRangeOrNull;

/**
 * One coolant pump of a loop.
 *
 * @param id       the pump's id within its CDU or loop
 * @param speedPct pump speed, percent of maximum, or null
 * @param health   {@code OK}, {@code Warning} or {@code Critical} (Redfish health), or null
 */
public record PumpReading(String id, Double speedPct, String health) {

    public PumpReading {
        requireId("pump id", id);
        requireRangeOrNull("speedPct", speedPct, 0.0, 100.0, "%");
        Bounds.requireTextOrNull("pump health", health);
    }
}
