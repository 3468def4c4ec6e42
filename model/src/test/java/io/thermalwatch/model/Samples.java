package io.thermalwatch.model;

import java.util.List;

/** Small factories of valid wire records for tests. */
final class Samples {

    static final long T0 = 1_790_000_000_000L; // 2026-09-21T14:13:20Z

    private Samples() {
    }

    static GpuReading gpu(int index, double powerW, double tempC) {
        return new GpuReading(index, "GPU-0000000" + index, "NVIDIA GB300", powerW, tempC, tempC + 5, 1980,
                0L, 87.5, 1400.0, 89.0, 95.0, 87.0, 95.0);
    }

    static NodeSample node(String rack, String node, long eventMs, GpuReading... gpus) {
        return new NodeSample(1, eventMs, "ams1", "h1", "r01", rack, node, List.of(gpus));
    }
}
