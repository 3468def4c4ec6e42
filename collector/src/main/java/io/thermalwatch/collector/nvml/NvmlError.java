package io.thermalwatch.collector.nvml;

/** The {@code nvmlReturn_t} codes Thermalwatch tells apart; any other code reads as "not available". */
final class NvmlError {

    static final int SUCCESS = 0;
    static final int GPU_IS_LOST = 15;

    private NvmlError() {
    }
}
