package io.thermalwatch.model;

/** Physical bounds shared by the wire records' compact constructors. */
final class Bounds {

    /** Lowest and highest temperature a sensor on a liquid-cooled GPU can plausibly report, °C. */
    static final double MIN_TEMP_C = -40.0;
    static final double MAX_TEMP_C = 150.0;
    /** Highest plausible power of one GPU package, W (GB300 is ~1.4 kW; leaves headroom). */
    static final double MAX_GPU_POWER_W = 5_000.0;

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
        if (eventMs <= 0) {
            throw new InvalidTelemetryException(RejectReason.OUT_OF_RANGE, "eventMs must be positive epoch ms, was " + eventMs);
        }
        requireId("site", site);
        requireId("hall", hall);
        requireId("row", row);
        requireId("rack", rack);
    }

    static String requireId(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidTelemetryException(RejectReason.MISSING_ID, field + " is missing or blank");
        }
        return value;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
