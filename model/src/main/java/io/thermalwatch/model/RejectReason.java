package io.thermalwatch.model;

/** Why a telemetry record went to the dead-letter topic; the header value is {@link #code()}. */
public enum RejectReason {
    /** Not JSON, or JSON of the wrong shape (missing or mistyped fields). */
    MALFORMED("malformed"),
    /** A schema version this pipeline does not read. */
    UNSUPPORTED_VERSION("unsupported-version"),
    /** A value outside its physical bound (NaN, negative power, temperature outside -40..150 °C...). */
    OUT_OF_RANGE("out-of-range"),
    /** A required id (site, hall, row, rack, node, GPU UUID) missing or blank. */
    MISSING_ID("missing-id"),
    /** The record key is not the sample's rack id, which would split a rack across partitions. */
    KEY_MISMATCH("key-mismatch"),
    /** Event time too far ahead of the processing clock. */
    FUTURE_TIMESTAMP("future-timestamp"),
    /** Event time so old that its window had already closed (after the grace period). */
    LATE("late");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
