package io.thermalwatch.api.alert;

/**
 * How many alerts are firing now, by severity.
 *
 * @param critical alerts firing at {@code critical}
 * @param warning  alerts firing at {@code warning}
 */
public record AlertCounts(int critical, int warning) {

    public AlertCounts {
        if (critical < 0 || warning < 0) {
            throw new IllegalArgumentException("counts must not be negative, were " + critical + " and " + warning);
        }
    }

    /** All firing alerts. */
    public int total() {
        return critical + warning;
    }
}
