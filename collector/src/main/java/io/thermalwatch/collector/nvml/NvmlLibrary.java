package io.thermalwatch.collector.nvml;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The part of NVML ({@code libnvidia-ml.so.1}) that Thermalwatch calls, bound through JNA. Every
 * function returns an {@code nvmlReturn_t} (0 = success, see {@link NvmlError}). JNA looks a
 * function up when it is first called, so a driver that lacks one throws
 * {@link UnsatisfiedLinkError} only then: {@link NvmlSource} checks each symbol at start
 * ({@link NvmlSymbols}) and calls only those the driver exports.
 *
 * <p>Constants and layouts as in {@code nvml.h} of NVML 12 and 13.
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
    /** Field id of power averaged over 1 s, mW (Ampere and later, except GA100); {@code scopeId} picks GPU or module. */
    int NVML_FI_DEV_POWER_AVERAGE = 185;
    /** Field id of instant power, mW; {@code scopeId} picks GPU or module. */
    int NVML_FI_DEV_POWER_INSTANT = 186;
    /** Field ids of the thresholds as offsets relative to T.Limit, °C, signed (Ada and later). */
    int NVML_FI_DEV_TEMPERATURE_SHUTDOWN_TLIMIT = 193;
    int NVML_FI_DEV_TEMPERATURE_SLOWDOWN_TLIMIT = 194;
    int NVML_FI_DEV_TEMPERATURE_MEM_MAX_TLIMIT = 195;
    int NVML_FI_DEV_TEMPERATURE_GPU_MAX_TLIMIT = 196;
    /** {@code scopeId} of the power fields: the GPU alone. */
    int NVML_POWER_SCOPE_GPU = 0;
    /** {@code scopeId} of the power fields: the whole module (Grace CPU + GPU on GB200/GB300). */
    int NVML_POWER_SCOPE_MODULE = 1;
    /** {@code nvmlTemperature_v1}: {@code sizeof(nvmlTemperature_v1_t) | 1 << 24}. */
    int NVML_TEMPERATURE_V1 = 12 | 1 << 24;
    /** {@code nvmlMarginTemperature_v1}: {@code sizeof(nvmlMarginTemperature_v1_t) | 1 << 24}. */
    int NVML_MARGIN_TEMPERATURE_V1 = 8 | 1 << 24;

    int nvmlInit_v2();

    int nvmlShutdown();

    String nvmlErrorString(int result);

    int nvmlDeviceGetCount_v2(IntByReference deviceCount);

    int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device);

    int nvmlDeviceGetName(Pointer device, byte[] name, int length);

    int nvmlDeviceGetUUID(Pointer device, byte[] uuid, int length);

    int nvmlDeviceGetSerial(Pointer device, byte[] serial, int length);

    /**
     * GPU power draw, milliwatts: averaged over 1 s on Ampere and later except GA100 (A100, A30),
     * instant on GA100 and older GPUs. GPU only: a Grace-Blackwell module's power is a field value.
     */
    int nvmlDeviceGetPowerUsage(Pointer device, IntByReference milliwatts);

    int nvmlDeviceGetEnforcedPowerLimit(Pointer device, IntByReference milliwatts);

    /** Deprecated in NVML 13 for {@link #nvmlDeviceGetTemperatureV}. */
    int nvmlDeviceGetTemperature(Pointer device, int sensorType, IntByReference celsius);

    /** Newer drivers only (not in NVML 12.6 headers and older); {@code temperature.version} must be {@link #NVML_TEMPERATURE_V1}. */
    int nvmlDeviceGetTemperatureV(Pointer device, Temperature temperature);

    /** How far the GPU is below T.Limit, °C (negative past it); newer drivers only. */
    int nvmlDeviceGetMarginTemperature(Pointer device, MarginTemperature margin);

    /** Absolute thresholds, °C; on the deprecation path for Ada and later (field values 193-196 instead). */
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

    /** {@code nvmlTemperature_v1_t}: 12 bytes. */
    @Structure.FieldOrder({"version", "sensorType", "temperature"})
    class Temperature extends Structure {
        public int version = NVML_TEMPERATURE_V1;
        public int sensorType = NVML_TEMPERATURE_GPU;
        public int temperature;
    }

    /** {@code nvmlMarginTemperature_v1_t}: 8 bytes. */
    @Structure.FieldOrder({"version", "marginTemperature"})
    class MarginTemperature extends Structure {
        public int version = NVML_MARGIN_TEMPERATURE_V1;
        public int marginTemperature;
    }

    /**
     * {@code nvmlFieldValue_t}: 40 bytes; {@code value} is the raw 8-byte union, read by
     * {@code valueType}: a 4-byte member leaves the other 4 bytes undefined, so they are masked off.
     */
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

        /** {@code count} zeroed field values, contiguous as NVML wants them. */
        static FieldValue[] array(int count) {
            return (FieldValue[]) new FieldValue().toArray(count);
        }
    }
}
