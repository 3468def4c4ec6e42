package io.thermalwatch.sink.measurement;

/** The sink's two retention policies (created at start, see {@code InfluxSchema}). */
public enum Retention {
    /** Raw points, kept {@code TW_SINK_RAW_RETENTION} (7 days); the database's default policy. */
    RAW("raw"),
    /**
     * 1-minute downsamples (written by continuous queries), plus what is already coarse and worth
     * keeping as long: alert annotations and rollups. Kept {@code TW_SINK_DOWNSAMPLED_RETENTION} (400 days).
     */
    DOWNSAMPLED("one_minute");

    private final String policy;

    Retention(String policy) {
        this.policy = policy;
    }

    /** The retention policy's name in InfluxDB. */
    public String policy() {
        return policy;
    }
}
