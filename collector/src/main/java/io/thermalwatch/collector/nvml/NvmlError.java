package io.thermalwatch.collector.nvml;

/** The {@code nvmlReturn_t} codes Thermalwatch tells apart; any other code reads as "not available". */
final class NvmlError {

    static final int SUCCESS = 0;
    static final int NOT_SUPPORTED = 3;
    /** Also what {@link NvmlSymbols} answers for a function the loaded driver does not export. */
    static final int FUNCTION_NOT_FOUND = 13;
    static final int GPU_IS_LOST = 15;
    static final int ARGUMENT_VERSION_MISMATCH = 25;

    private NvmlError() {
    }

    /** e.g. {@code Not Supported (NVML error 3)}, or the missing symbol's name for {@link #FUNCTION_NOT_FOUND}. */
    static String describe(NvmlLibrary nvml, int rc) {
        String text;
        try {
            text = nvml.nvmlErrorString(rc);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            text = null; // never let the error text hide the error
        }
        return (text == null || text.isBlank() ? "unknown" : text) + " (NVML error " + rc + ")";
    }
}
