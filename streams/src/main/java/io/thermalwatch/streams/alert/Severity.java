package io.thermalwatch.streams.alert;

/** How urgent a firing alert is; ordered, so {@code CRITICAL.compareTo(WARNING) > 0}. */
public enum Severity {
    WARNING("warning"),
    CRITICAL("critical");

    private final String word;

    Severity(String word) {
        this.word = word;
    }

    /** The lower-case word used on the wire and in Alertmanager's {@code severity} label. */
    public String word() {
        return word;
    }

    public static Severity of(String word) {
        for (Severity s : values()) {
            if (s.word.equals(word)) {
                return s;
            }
        }
        throw new IllegalArgumentException("severity must be 'warning' or 'critical', was '" + word + "'");
    }
}
