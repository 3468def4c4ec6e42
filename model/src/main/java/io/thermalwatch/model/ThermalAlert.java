package io.thermalwatch.model;

import static io.thermalwatch.model.Bounds.requireEpochMs;
import static io.thermalwatch.model.Bounds.requireId;
import static io.thermalwatch.model.Bounds.requireNonBlank;
import static io.thermalwatch.model.Bounds.requireRangeOrNull;
import static io.thermalwatch.model.Bounds.requireTextOrNull;

/**
 * A change of one alert's state: the unit of {@link Topics#ALERTS}, keyed by {@link #id()}. The
 * streams app emits one record when an alert fires, when its severity changes and when it resolves;
 * never one per evaluation.
 *
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param id            stable identity of the rule on its subject ({@code gpu-slowdown-margin|r01-k03|r01-k03-n07|2}):
 *                      the same alert always has the same id, so consumers can fold changes by key; not blank,
 *                      at most {@value #MAX_ID_CHARS} characters
 * @param rule          the rule id ({@code gpu-slowdown-margin}); see {@code docs/alerts.md}
 * @param severity      {@code warning} or {@code critical}; for a resolved alert, the last severity it held
 * @param state         {@code firing} or {@code resolved}
 * @param site          site id
 * @param hall          hall id
 * @param row           row id
 * @param rack          rack id
 * @param node          node id, or null for rack and loop alerts
 * @param gpu           GPU index on the node, or null
 * @param loop          coolant loop id, or null
 * @param value         the rule's value at the change, in the rule's unit, within ±{@link #MAX_ABS_VALUE}, or null
 *                      where it has none
 * @param threshold     the trigger of {@code severity}, in the rule's unit, within ±{@link #MAX_ABS_VALUE}, or null
 * @param startsAtMs    when the breach began, epoch ms, 1..2^53-1
 * @param endsAtMs      when it resolved, epoch ms, startsAtMs..2^53-1; set exactly when resolved
 * @param summary       one line for a human ("GPU 2 of r01-k03-n07 reaches slowdown in ~40 s ..."), not blank,
 *                      at most {@value #MAX_SUMMARY_CHARS} characters
 * @param description   what the rule means and what to check first, at most {@value #MAX_DESCRIPTION_CHARS} characters, or null
 * @param runbookUrl    where on-call reads what to do, at most {@value #MAX_URL_CHARS} characters, or null
 */
public record ThermalAlert(
        int schemaVersion,
        String id,
        String rule,
        String severity,
        String state,
        String site,
        String hall,
        String row,
        String rack,
        String node,
        Integer gpu,
        String loop,
        Double value,
        Double threshold,
        long startsAtMs,
        Long endsAtMs,
        String summary,
        String description,
        String runbookUrl) {

    public static final int SCHEMA_VERSION = 1;
    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";

    /** The longest {@link #id()} and {@link #summary()}, characters: an id joins a rule and up to three ids. */
    public static final int MAX_ID_CHARS = 1024;
    public static final int MAX_SUMMARY_CHARS = 1024;
    public static final int MAX_DESCRIPTION_CHARS = 4096;
    public static final int MAX_URL_CHARS = 2048;
    /**
     * The bound on {@link #value()} and {@link #threshold()}, in the rule's unit: finite, and far beyond
     * any rule's value (°C, %, kW, s), so that a JSON Schema can state "finite" as a range.
     */
    public static final double MAX_ABS_VALUE = 1e12;

    public ThermalAlert {
        if (schemaVersion != SCHEMA_VERSION) {
            throw new InvalidTelemetryException(RejectReason.UNSUPPORTED_VERSION,
                    "schemaVersion " + schemaVersion + " is not supported (this reader reads " + SCHEMA_VERSION + ")");
        }
        requireNonBlank("id", id, MAX_ID_CHARS);
        requireId("rule", rule);
        if (!"warning".equals(severity) && !"critical".equals(severity)) {
            throw new InvalidTelemetryException(RejectReason.OUT_OF_RANGE, "severity must be warning or critical, was " + severity);
        }
        if (!FIRING.equals(state) && !RESOLVED.equals(state)) {
            throw new InvalidTelemetryException(RejectReason.OUT_OF_RANGE, "state must be firing or resolved, was " + state);
        }
        requireId("site", site);
        requireId("hall", hall);
        requireId("row", row);
        requireId("rack", rack);
        if (node != null) {
            requireId("node", node);
        }
        if (gpu != null && (gpu < 0 || gpu > GpuReading.MAX_INDEX)) {
            throw new InvalidTelemetryException(RejectReason.OUT_OF_RANGE, "gpu must be in 0.." + GpuReading.MAX_INDEX + ", was " + gpu);
        }
        if (loop != null) {
            requireId("loop", loop);
        }
        requireRangeOrNull("value", value, -MAX_ABS_VALUE, MAX_ABS_VALUE, "(the rule's unit)");
        requireRangeOrNull("threshold", threshold, -MAX_ABS_VALUE, MAX_ABS_VALUE, "(the rule's unit)");
        requireEpochMs("startsAtMs", startsAtMs, 1);
        if (RESOLVED.equals(state) != (endsAtMs != null)) {
            throw new InvalidTelemetryException(RejectReason.OUT_OF_RANGE, "endsAtMs is set exactly when the alert is resolved");
        }
        if (endsAtMs != null) {
            requireEpochMs("endsAtMs", endsAtMs, 1);
            if (endsAtMs < startsAtMs) {
                throw new InvalidTelemetryException(RejectReason.OUT_OF_RANGE,
                        "endsAtMs must not be before startsAtMs, was " + endsAtMs + " < " + startsAtMs);
            }
        }
        requireNonBlank("summary", summary, MAX_SUMMARY_CHARS);
        requireTextOrNull("description", description, MAX_DESCRIPTION_CHARS);
        requireTextOrNull("runbookUrl", runbookUrl, MAX_URL_CHARS);
    }

    public boolean firing() {
        return FIRING.equals(state);
    }
}
