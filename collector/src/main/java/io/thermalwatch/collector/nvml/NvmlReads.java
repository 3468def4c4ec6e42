package io.thermalwatch.collector.nvml;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

/**
 * The per-tick NVML calls, each made only if the driver exports its function, so that a missing
 * symbol costs only its own reading. Every result says why when there is no value.
 */
final class NvmlReads {

    /** A call's value (unsigned, widened), its return code, and why it has none. */
    record Value(int rc, long value, String why) {
        boolean ok() {
            return rc == NvmlError.SUCCESS;
        }
    }

    /**
     * One {@code nvmlDeviceGetFieldValues} call's results.
     *
     * @param hbmTempC     HBM temperature, °C, or null
     * @param modulePowerW module power, watts (1 s average, else instant), or null
     */
    record Fields(Double hbmTempC, String hbmTempWhy, Double modulePowerW, String modulePowerWhy) {
    }

    private final NvmlLibrary nvml;
    private final Predicate<String> exported;
    private final String reasonsFunction;

    NvmlReads(NvmlLibrary nvml, Predicate<String> exported) {
        this.nvml = nvml;
        this.exported = exported;
        // R535 renamed "throttle reasons" to "clocks event reasons"; the old name stays exported for now
        this.reasonsFunction = exported.test("nvmlDeviceGetCurrentClocksEventReasons")
                ? "nvmlDeviceGetCurrentClocksEventReasons" : "nvmlDeviceGetCurrentClocksThrottleReasons";
    }

    Value power(Pointer h) {
        IntByReference v = new IntByReference();
        return unsigned("nvmlDeviceGetPowerUsage", () -> nvml.nvmlDeviceGetPowerUsage(h, v), v);
    }

    Value powerLimit(Pointer h) {
        IntByReference v = new IntByReference();
        return unsigned("nvmlDeviceGetEnforcedPowerLimit", () -> nvml.nvmlDeviceGetEnforcedPowerLimit(h, v), v);
    }

    Value smClock(Pointer h) {
        IntByReference v = new IntByReference();
        return unsigned("nvmlDeviceGetClockInfo", () -> nvml.nvmlDeviceGetClockInfo(h, NvmlLibrary.NVML_CLOCK_SM, v), v);
    }

    Value utilisation(Pointer h) {
        NvmlLibrary.Utilization u = new NvmlLibrary.Utilization();
        Value r = call("nvmlDeviceGetUtilizationRates", () -> nvml.nvmlDeviceGetUtilizationRates(h, u));
        return r.ok() ? new Value(r.rc(), u.gpu & 0xFFFF_FFFFL, null) : r;
    }

    /** Unsupported is "unknown", never 0 ("not throttled"). */
    Value clockEventReasons(Pointer h) {
        LongByReference v = new LongByReference();
        Value r = call(reasonsFunction, () -> reasonsFunction.endsWith("EventReasons")
                ? nvml.nvmlDeviceGetCurrentClocksEventReasons(h, v) : nvml.nvmlDeviceGetCurrentClocksThrottleReasons(h, v));
        return r.ok() ? new Value(r.rc(), v.getValue(), null) : r;
    }

    Value energy(Pointer h) {
        LongByReference v = new LongByReference();
        Value r = call("nvmlDeviceGetTotalEnergyConsumption", () -> nvml.nvmlDeviceGetTotalEnergyConsumption(h, v));
        return r.ok() ? new Value(r.rc(), v.getValue(), null) : r;
    }

    /**
     * HBM temperature and, when {@code modulePower}, module power (average and instant, module
     * scope) in one call, so they belong to the same instant and cost one ~14 µs call.
     */
    Fields fields(Pointer h, boolean modulePower) {
        NvmlLibrary.FieldValue[] values = NvmlLibrary.FieldValue.array(modulePower ? 3 : 1);
        values[0].fieldId = NvmlLibrary.NVML_FI_DEV_MEMORY_TEMP;
        if (modulePower) {
            values[1].fieldId = NvmlLibrary.NVML_FI_DEV_POWER_AVERAGE;
            values[1].scopeId = NvmlLibrary.NVML_POWER_SCOPE_MODULE;
            values[2].fieldId = NvmlLibrary.NVML_FI_DEV_POWER_INSTANT;
            values[2].scopeId = NvmlLibrary.NVML_POWER_SCOPE_MODULE;
        }
        Value r = call("nvmlDeviceGetFieldValues", () -> nvml.nvmlDeviceGetFieldValues(h, values.length, values));
        if (!r.ok()) {
            return new Fields(null, r.why(), null, r.why());
        }
        Double hbm = values[0].nvmlReturn == NvmlError.SUCCESS ? values[0].asDouble() : null;
        String hbmWhy = hbm == null ? NvmlError.describe(nvml, values[0].nvmlReturn) : null;
        if (!modulePower) {
            return new Fields(hbm, hbmWhy, null, "not read");
        }
        NvmlLibrary.FieldValue best = values[1].nvmlReturn == NvmlError.SUCCESS ? values[1]
                : values[2].nvmlReturn == NvmlError.SUCCESS ? values[2] : null;
        return best != null ? new Fields(hbm, hbmWhy, best.asDouble() / 1000.0, null)
                : new Fields(hbm, hbmWhy, null, "module scope: " + NvmlError.describe(nvml, values[1].nvmlReturn));
    }

    private Value unsigned(String function, IntSupplier call, IntByReference v) {
        Value r = call(function, call);
        return r.ok() ? new Value(r.rc(), v.getValue() & 0xFFFF_FFFFL, null) : r;
    }

    private Value call(String function, IntSupplier call) {
        if (!exported.test(function)) {
            return new Value(NvmlError.FUNCTION_NOT_FOUND, 0, function + " not in this driver");
        }
        int rc = call.getAsInt();
        return new Value(rc, 0, rc == NvmlError.SUCCESS ? null : function + ": " + NvmlError.describe(nvml, rc));
    }
}
