package io.thermalwatch.model;

import static io.thermalwatch.model.Bounds.requireId;

/**
 * A change of one alert's state: the unit of {@link Topics#ALERTS}, keyed by {@link #id()}. The
 * streams app emits one record when an alert fires, when its severity changes and when it resolves;
 * never one per evaluation.
 *
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param id            stable identity of the rule on its subject ({@code gpu-slowdown-margin|r01-k03|r01-k03-n07|2}):
 *                      the same alert always has the same id, so consumers can fold changes by key
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
 * @param value         the rule's value at the change, in the rule's unit, or null where it has none
 * @param threshold     the trigger of {@code severity}, in the rule's unit
 * @param startsAtMs    when the breach began, epoch ms
 * @param endsAtMs      when it resolved, epoch ms, or null while firing
 * @param summary       one line for a human ("GPU 2 of r01-k03-n07 reaches slowdown in ~40 s ...")
 * @param description   what the rule means and what to check first
 * @param runbookUrl    where on-call reads what to do
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

    public ThermalAlert {
        if (schemaVersion != SCHEMA_VERSION) {
            throw new InvalidTelemetryException(RejectReason.UNSUPPORTED_VERSION,
                    "schemaVersion " + schemaVersion + " is not supported (this reader reads " + SCHEMA_VERSION + ")");
        }
        requireId("id", id);
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
        if (gpu != null && (gpu < 0 || gpu > GpuReading.MAX_INDEX)) {
            throw new InvalidTelemetryException(RejectReason.OUT_OF_RANGE, "gpu must be in 0.." + GpuReading.MAX_INDEX);
        }
        if (startsAtMs <= 0) {
            throw new InvalidTelemetryException(RejectReason.OUT_OF_RANGE, "startsAtMs must be positive epoch ms");
        }
        if (RESOLVED.equals(state) != (endsAtMs != null)) {
            throw new InvalidTelemetryException(RejectReason.OUT_OF_RANGE, "endsAtMs is set exactly when the alert is resolved");
        }
        if (endsAtMs != null && endsAtMs < startsAtMs) {
            throw new InvalidTelemetryException(RejectReason.OUT_OF_RANGE, "endsAtMs must not be before startsAtMs");
        }
        requireId("summary", summary);
    }

    public boolean firing() {
        return FIRING.equals(state);
    }
}
