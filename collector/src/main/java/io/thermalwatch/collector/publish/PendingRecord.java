package io.thermalwatch.collector.publish;

/** A serialized sample waiting for Kafka. {@link #sizeBytes()} is what it costs the buffer. */
record PendingRecord(String topic, String key, long timestampMs, byte[] value) {

    /** Key and value bytes plus a fixed allowance for the record's bookkeeping. */
    long sizeBytes() {
        return value.length + 2L * key.length() + 96;
    }
}
