package io.thermalwatch.api.alert;

import java.util.Locale;

/** The severities of {@link io.thermalwatch.model.ThermalAlert}, least severe first (the order ranks them). */
enum AlertSeverity {
    WARNING,
    CRITICAL;

    /** The wire name ({@code warning}, {@code critical}). */
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException when {@code wireName} is not a severity's wire name (case matters) */
    static AlertSeverity of(String wireName) {
        for (AlertSeverity s : values()) {
            if (s.wireName().equals(wireName)) {
                return s;
            }
        }
        throw new IllegalArgumentException("not a severity: " + wireName);
    }
}
