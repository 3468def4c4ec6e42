package io.thermalwatch.sink.measurement;

import io.thermalwatch.sink.line.LineBuilder;

/**
 * Turns one record of one topic into points. One small class per topic; adding a measurement
 * (e.g. the 1-minute rollups) is one more implementation listed in {@link LineEncoders#all}.
 */
public interface LineEncoder {

    /** The topic whose records it reads. */
    String topic();

    /** Which retention policy its points are written to. */
    Retention retention();

    /**
     * Appends the record's points to {@code lines}, each stamped with its event time, so that a
     * replay writes the very same points (same series and timestamp: InfluxDB keeps one).
     *
     * @param recordTimestampMs the Kafka record's timestamp, epoch ms
     * @throws RuntimeException if the value cannot be read (the caller skips and counts it); nothing
     *                          has been appended then
     */
    void append(byte[] value, long recordTimestampMs, LineBuilder lines);
}
