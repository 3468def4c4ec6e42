package io.thermalwatch.collector.nvml;

/** The {@code nvmlReturn_t} codes Thermalwatch tells apart. */
final class NvmlError {

    static final int SUCCESS = 0;
    static final int NOT_SUPPORTED = 3;
    static final int NO_PERMISSION = 4;
    static final int NOT_FOUND = 6;
    static final int INSUFFICIENT_SIZE = 7;
    static final int GPU_IS_LOST = 15;
    static final int UNKNOWN = 999;

    private NvmlError() {
    }
}
