package io.thermalwatch.collector;

/**
 * Where a collector's readings come from: the simulated fleet, NVML, nvidia-smi, a dcgm-exporter
 * scrape, a Redfish CDU or a BMS over MQTT. Called once per sampling tick, from one thread.
 */
public interface TelemetrySource extends AutoCloseable {

    /** A short name for logs and metrics, e.g. {@code nvidia-smi}. */
    String name();

    /**
     * Reads everything this source covers.
     *
     * @param eventMs the tick's event time, epoch milliseconds, stamped on every sample
     * @throws RuntimeException when the whole read failed; the loop counts it and goes on
     */
    TelemetryBatch read(long eventMs);

    @Override
    default void close() {
    }
}
