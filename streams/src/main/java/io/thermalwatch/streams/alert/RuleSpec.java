package io.thermalwatch.streams.alert;

import java.util.Map;

/**
 * One rule's settings after the defaults and the operator's file were merged.
 *
 * @param id         the stable rule id, also the {@code rule} label ({@code gpu-slowdown-margin})
 * @param enabled    whether it is evaluated at all
 * @param thresholds trigger and clear levels, in the rule's unit (see {@code docs/alerts.md})
 * @param lifecycle  for, keep-firing-for, flap damping
 * @param runbookUrl where on-call reads what to do
 * @param description what the rule means and what to check first
 * @param params     the rule's own numeric parameters (e.g. the peer-outlier power band), by name
 */
public record RuleSpec(String id, boolean enabled, Thresholds thresholds, Lifecycle lifecycle, String runbookUrl,
                       String description, Map<String, Double> params) {

    public RuleSpec {
        params = Map.copyOf(params);
    }

    /** A rule parameter that the rule book guarantees is present. */
    public double param(String name) {
        Double v = params.get(name);
        if (v == null) {
            throw new IllegalStateException("rule " + id + " has no parameter " + name);
        }
        return v;
    }
}
