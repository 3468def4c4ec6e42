package io.thermalwatch.model;

/**
 * Header names on {@link Topics#TELEMETRY_DEAD_LETTER} records. The record's key and value are the
 * rejected input, byte for byte; these headers say why and where it came from.
 */
public final class DeadLetterHeaders {

    /** UTF-8 text: why the record was rejected, e.g. {@code gpus[2].powerW must be ...}. */
    public static final String REASON = "tw.dlq.reason";
    /** UTF-8 text: a short machine-readable reason class (see {@link RejectReason}). */
    public static final String REASON_CODE = "tw.dlq.reason-code";
    /** UTF-8 text: the topic the record was read from. */
    public static final String SOURCE_TOPIC = "tw.dlq.source-topic";
    /** UTF-8 decimal: the partition the record was read from. */
    public static final String SOURCE_PARTITION = "tw.dlq.source-partition";
    /** UTF-8 decimal: the offset the record was read from. */
    public static final String SOURCE_OFFSET = "tw.dlq.source-offset";

    private DeadLetterHeaders() {
    }
}
