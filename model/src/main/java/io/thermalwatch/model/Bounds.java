package io.thermalwatch.model;

/** Physical bounds shared by the wire records' compact constructors. */
final class Bounds {

    /** Lowest and highest temperature a sensor on a liquid-cooled GPU can plausibly report, °C. */
    static final double MIN_TEMP_C = -40.0;
    static final double MAX_TEMP_C = 150.0;
    /** Highest plausible power of one GPU package, W (GB300 is ~1.4 kW; leaves headroom). */
    static final double MAX_GPU_POWER_W = 5_000.0;
    /**
     * The largest integer on the wire, 2^53-1 (epoch ms, counters): every JSON implementation,
     * JavaScript's included, reads integers up to it exactly.
     */
    static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
    /** The longest text field (ids, model names, health words), in Unicode characters (code points). */
    static final int MAX_TEXT_CHARS = 256;

    private Bounds() {
    }

    static double requireRange(String field, double value, double min, double max, String unit) {
        if (!(value >= min && value <= max)) { // also false for NaN
            throw new InvalidTelemetryException(RejectReason.OUT_OF_RANGE,
                    field + " must be in " + fmt(min) + ".." + fmt(max) + " " + unit + ", was " + value);
        }
        return value;
    }

    static Double requireRangeOrNull(String field, Double value, double min, double max, String unit) {
        return value == null ? null : requireRange(field, value, min, max, unit);
    }

    static double requireTemp(String field, double value) {
        return requireRange(field, value, MIN_TEMP_C, MAX_TEMP_C, "°C");
    }

    static Double requireTempOrNull(String field, Double value) {
        return value == null ? null : requireTemp(field, value);
    }

    /** The checks every sample's header shares: version, event time and location ids. */
    static void requireHeader(int schemaVersion, int supported, long eventMs, String site, String hall, String row,
                              String rack) {
        if (schemaVersion != supported) {
            throw new InvalidTelemetryException(RejectReason.UNSUPPORTED_VERSION,
                    "schemaVersion " + schemaVersion + " is not supported (this pipeline reads " + supported + ")");
        }
        requireEpochMs("eventMs", eventMs, 1);
        requireId("site", site);
        requireId("hall", hall);
        requireId("row", row);
        requireId("rack", rack);
    }

    /** Epoch milliseconds from {@code min} up to {@link #MAX_SAFE_INTEGER}. */
    static long requireEpochMs(String field, long value, long min) {
        return requireCount(field, value, min, MAX_SAFE_INTEGER);
    }

    static long requireCount(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidTelemetryException(RejectReason.OUT_OF_RANGE,
                    field + " must be in " + min + ".." + max + ", was " + value);
        }
        return value;
    }

    /**
     * A required id: present, not blank (at least one character that is not Unicode White_Space),
     * at most {@link #MAX_TEXT_CHARS} characters.
     */
    static String requireId(String field, String value) {
        return requireNonBlank(field, value, MAX_TEXT_CHARS);
    }

    /** A required text: present, not blank (as {@link #requireId}), at most {@code maxChars} characters. */
    static String requireNonBlank(String field, String value, int maxChars) {
        if (value == null || isBlank(value)) {
            throw new InvalidTelemetryException(RejectReason.MISSING_ID, field + " is missing or blank");
        }
        return requireTextOrNull(field, value, maxChars);
    }

    /** An optional text: null, or at most {@link #MAX_TEXT_CHARS} characters. */
    static String requireTextOrNull(String field, String value) {
        return requireTextOrNull(field, value, MAX_TEXT_CHARS);
    }

    /** An optional text: null, or at most {@code maxChars} characters. */
    static String requireTextOrNull(String field, String value, int maxChars) {
        // code points, as JSON Schema's maxLength counts them; counted only when the UTF-16 length is over
        if (value != null && value.length() > maxChars && value.codePointCount(0, value.length()) > maxChars) {
            throw new InvalidTelemetryException(RejectReason.OUT_OF_RANGE,
                    field + " must be at most " + maxChars + " characters, was " + value.codePointCount(0, value.length()));
        }
        return value;
    }

    /**
     * Whether every character is Unicode White_Space (the set the schemas' id pattern names; not
     * {@link String#isBlank()}, whose Java whitespace differs: it counts U+001C..U+001F, not U+00A0).
     */
    static boolean isBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isWhiteSpace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWhiteSpace(char c) {
        return c >= '\t' && c <= '\r' || c == ' ' || c == '\u0085' || c == '\u00A0' || c == '\u1680'
                || c >= '\u2000' && c <= '\u200A' || c == '\u2028' || c == '\u2029' || c == '\u202F'
                || c == '\u205F' || c == '\u3000';
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
