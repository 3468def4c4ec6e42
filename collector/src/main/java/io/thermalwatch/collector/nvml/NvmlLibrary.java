package io.thermalwatch.collector.nvml;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The part of NVML ({@code libnvidia-ml.so.1}) that Thermalwatch calls, bound through JNA. Every
 * function returns an {@code nvmlReturn_t} (0 = success, see {@link NvmlError}).
 */
public interface NvmlLibrary extends Library {

    int NVML_TEMPERATURE_GPU = 0;
    int NVML_CLOCK_SM = 1;
    int NVML_TEMPERATURE_THRESHOLD_SHUTDOWN = 0;
    int NVML_TEMPERATURE_THRESHOLD_SLOWDOWN = 1;
    int NVML_TEMPERATURE_THRESHOLD_MEM_MAX = 2;
    int NVML_TEMPERATURE_THRESHOLD_GPU_MAX = 3;
    /** Field id of the HBM temperature, °C. */
    int NVML_FI_DEV_MEMORY_TEMP = 82;

    int nvmlInit_v2();

    int nvmlShutdown();

    String nvmlErrorString(int result);

    int nvmlDeviceGetCount_v2(IntByReference deviceCount);

    int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device);

    int nvmlDeviceGetName(Pointer device, byte[] name, int length);

    int nvmlDeviceGetUUID(Pointer device, byte[] uuid, int length);

    int nvmlDeviceGetSerial(Pointer device, byte[] serial, int length);

    /** Power draw, milliwatts (on Ampere and later, averaged over a second). */
    int nvmlDeviceGetPowerUsage(Pointer device, IntByReference milliwatts);

    int nvmlDeviceGetEnforcedPowerLimit(Pointer device, IntByReference milliwatts);

    int nvmlDeviceGetTemperature(Pointer device, int sensorType, IntByReference celsius);

    int nvmlDeviceGetTemperatureThreshold(Pointer device, int thresholdType, IntByReference celsius);

    int nvmlDeviceGetClockInfo(Pointer device, int clockType, IntByReference mhz);

    int nvmlDeviceGetCurrentClocksEventReasons(Pointer device, LongByReference reasons);

    /** The pre-R535 name of {@link #nvmlDeviceGetCurrentClocksEventReasons}. */
    int nvmlDeviceGetCurrentClocksThrottleReasons(Pointer device, LongByReference reasons);

    int nvmlDeviceGetUtilizationRates(Pointer device, Utilization utilization);

    int nvmlDeviceGetFieldValues(Pointer device, int valuesCount, FieldValue[] values);

    /** Energy since the driver loaded, millijoules; ~3 ms a call on an H100. */
    int nvmlDeviceGetTotalEnergyConsumption(Pointer device, LongByReference millijoules);

    /** {@code nvmlUtilization_t}. */
    @Structure.FieldOrder({"gpu", "memory"})
    class Utilization extends Structure {
        public int gpu;
        public int memory;
    }

    /** {@code nvmlFieldValue_t}: 40 bytes; {@code value} is the raw 8-byte union, read by {@code valueType}. */
    @Structure.FieldOrder({"fieldId", "scopeId", "timestamp", "latencyUsec", "valueType", "nvmlReturn", "value"})
    class FieldValue extends Structure {
        public int fieldId;
        public int scopeId;
        public long timestamp;
        public long latencyUsec;
        public int valueType;
        public int nvmlReturn;
        public long value;

        /** The union read as a number: 0 double, 1 unsigned int, 2 unsigned long, 3 unsigned long long, 4 long long, 5 int, 6 unsigned short. */
        public double asDouble() {
            return switch (valueType) {
                case 0 -> Double.longBitsToDouble(value);
                case 1 -> value & 0xFFFF_FFFFL;
                case 5 -> (int) value;
                case 6 -> value & 0xFFFFL;
                default -> value;
            };
        }
    }
}
