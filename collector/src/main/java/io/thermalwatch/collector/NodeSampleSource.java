package io.thermalwatch.collector;

import io.thermalwatch.model.NodeSample;
import java.util.List;

/**
 * Where a collector's readings come from: a simulated fleet, or (later) NVML, nvidia-smi or a
 * dcgm-exporter scrape on a real node. Called once per sampling tick from one thread.
 */
public interface NodeSampleSource extends AutoCloseable {

    /**
     * Reads every node this source covers.
     *
     * @param eventMs the tick's event time, epoch milliseconds, stamped on every sample
     */
    List<NodeSample> sample(long eventMs);

    @Override
    default void close() {
    }
}
