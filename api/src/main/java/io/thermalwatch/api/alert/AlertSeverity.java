package io.thermalwatch.api.alert;

import java.util.Locale;

/** The severities of {@link io.thermalwatch.model.ThermalAlert}, least severe first (the order ranks them). */
enum AlertSeverity {
    WARNING,
    CRITICAL;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The wire name ({@code warning}, {@code critical}). */
    String wireName() {
        return wireName;
    }

    /**
     * The severity named {@code wireName} (case matters); ranks every firing alert on each listing,
     * so it allocates nothing.
     *
     * @throws IllegalArgumentException when {@code wireName} is not a severity's wire name
     */
    static AlertSeverity of(String wireName) {
        for (AlertSeverity s : values()) {
            if (s.wireName.equals(wireName)) {
                return s;
            }
        }
        throw new IllegalArgumentException("not a severity: " + wireName);
    }
}
