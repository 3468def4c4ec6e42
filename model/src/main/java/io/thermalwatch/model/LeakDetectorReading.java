package io.thermalwatch.model;

import static io.thermalwatch.model.Bounds.requireId;

/**
 * One leak detector of a loop.
 *
 * @param id      the detector's id
 * @param leaking whether it reports liquid
 * @param state   the source's own state word (Redfish {@code OK}/{@code Warning}/{@code Critical},
 *                BMS point value), or null
 */
public record LeakDetectorReading(String id, boolean leaking, String state) {

    public LeakDetectorReading {
        requireId("leak detector id", id);
        Bounds.requireTextOrNull("leak detector state", state);
    }
}
