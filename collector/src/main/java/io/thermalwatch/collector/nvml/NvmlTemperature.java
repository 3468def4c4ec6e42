package io.thermalwatch.collector.nvml;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.util.function.Predicate;

/**
 * Reads the GPU temperature, °C: {@code nvmlDeviceGetTemperatureV} (newer drivers; the only one not
 * deprecated in NVML 13) where the driver has it, else {@code nvmlDeviceGetTemperature}. Once the
 * new call answers "version mismatch" or "function not found" it is not tried again.
 */
final class NvmlTemperature {

    /** A temperature, °C, or null and why. */
    record Result(Double celsius, String why) {
    }

    private final NvmlLibrary nvml;
    private final boolean oldCall;
    private volatile boolean newCall;

    NvmlTemperature(NvmlLibrary nvml, Predicate<String> exported) {
        this.nvml = nvml;
        this.newCall = exported.test("nvmlDeviceGetTemperatureV");
        this.oldCall = exported.test("nvmlDeviceGetTemperature");
    }

    Result read(Pointer h) {
        String why = "neither nvmlDeviceGetTemperatureV nor nvmlDeviceGetTemperature is in this driver";
        if (newCall) {
            NvmlLibrary.Temperature t = new NvmlLibrary.Temperature();
            int rc = nvml.nvmlDeviceGetTemperatureV(h, t);
            if (rc == NvmlError.SUCCESS) {
                return new Result((double) t.temperature, null);
            }
            if (rc == NvmlError.ARGUMENT_VERSION_MISMATCH || rc == NvmlError.FUNCTION_NOT_FOUND) {
                newCall = false;
            }
            why = "nvmlDeviceGetTemperatureV: " + NvmlError.describe(nvml, rc);
            if (rc == NvmlError.GPU_IS_LOST) {
                return new Result(null, why);
            }
        }
        if (oldCall) {
            IntByReference v = new IntByReference();
            int rc = nvml.nvmlDeviceGetTemperature(h, NvmlLibrary.NVML_TEMPERATURE_GPU, v);
            if (rc == NvmlError.SUCCESS) {
                return new Result((double) (v.getValue() & 0xFFFF_FFFFL), null);
            }
            why = (newCall ? why + "; " : "") + "nvmlDeviceGetTemperature: " + NvmlError.describe(nvml, rc);
        }
        return new Result(null, why);
    }
}
