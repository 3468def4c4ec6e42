package io.thermalwatch.api.alert;

import io.thermalwatch.api.problem.ProblemException;
import io.thermalwatch.model.ThermalAlert;
import java.util.function.Predicate;

/**
 * The {@code severity} and {@code rack} query parameters of the alert endpoints (the list and the
 * live stream), validated: {@code severity} is a floor ({@code warning} accepts warnings and
 * criticals), {@code rack} an exact rack id; null means any.
 */
public final class AlertFilter {

    /** The longest id the wire records carry (docs/schema.md), characters. */
    private static final int MAX_ID_CHARS = 256;

    private AlertFilter() {
    }

    /** @throws ProblemException 400 naming the parameter when a value is bad */
    public static Predicate<ThermalAlert> of(String severity, String rack) {
        return atLeast(severity).and(inRack(rack));
    }

    /** The severity floor {@code severity} names, null for none. @throws ProblemException 400 when bad */
    static AlertSeverity floor(String severity) {
        return severity == null ? null : parse(severity);
    }

    /** {@code rack}, checked; null for any. @throws ProblemException 400 when bad */
    static String rack(String rack) {
        inRack(rack);
        return rack;
    }

    private static AlertSeverity parse(String severity) {
        try {
            return AlertSeverity.of(severity);
        } catch (IllegalArgumentException e) {
            throw invalid("severity", "severity must be warning (warning and critical) or critical, was '"
                    + severity + "'");
        }
    }

    private static Predicate<ThermalAlert> atLeast(String severity) {
        if (severity == null) {
            return a -> true;
        }
        AlertSeverity floor = parse(severity);
        return a -> AlertSeverity.of(a.severity()).compareTo(floor) >= 0;
    }

    private static Predicate<ThermalAlert> inRack(String rack) {
        if (rack == null) {
            return a -> true;
        }
        if (rack.isBlank() || rack.codePointCount(0, rack.length()) > MAX_ID_CHARS) {
            throw invalid("rack", "rack must be a rack id, not blank, at most " + MAX_ID_CHARS + " characters");
        }
        return a -> a.rack().equals(rack);
    }

    static ProblemException invalid(String parameter, String detail) {
        return ProblemException.badRequest("urn:thermalwatch:problem:invalid-" + parameter,
                "Invalid query parameter '" + parameter + "'", detail);
    }
}
