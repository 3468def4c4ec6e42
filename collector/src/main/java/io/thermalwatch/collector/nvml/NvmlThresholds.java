package io.thermalwatch.collector.nvml;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads a GPU's temperature thresholds once at start, °C, absolute.
 *
 * <p>First {@code nvmlDeviceGetTemperatureThreshold} (absolute °C; every driver so far, but on
 * the deprecation path for Ada and later). Each of shutdown, slowdown and GPU max it does not give
 * (function missing, or NOT_SUPPORTED) comes from the field values 193/194/196
 * ({@code NVML_FI_DEV_TEMPERATURE_*_TLIMIT}), which are offsets relative to T.Limit, read together
 * in one {@code nvmlDeviceGetFieldValues} call: threshold = T.Limit − offset, where T.Limit = GPU
 * temperature + {@code nvmlDeviceGetMarginTemperature}. NVML has no field value for either of
 * those two, so they are read back to back, bracketed by a second temperature read, and used only
 * when both temperature reads agree: the pair then belongs to one instant (nvidia-smi's pair does
 * not, see {@code TLimitEstimator}). The HBM max threshold comes only from the absolute call: field
 * 195 is on the GPU's T.Limit scale, not an HBM temperature, so converting it would be a guess.
 * A threshold neither way gives stays null and is reported once.
 */
final class NvmlThresholds {

    /** Shutdown, slowdown, GPU max and HBM max, °C, each null when not known. */
    record Values(Double shutdownC, Double slowdownC, Double gpuMaxC, Double hbmMaxC) {
    }

    private static final int ATTEMPTS = 3;
    private static final String[] NAMES = {"shutdown", "slowdown", "HBM max", "GPU max"};
    /** Field id per NVML threshold type, or 0 where no T.Limit field converts to it. */
    private static final int[] FIELDS = {NvmlLibrary.NVML_FI_DEV_TEMPERATURE_SHUTDOWN_TLIMIT,
            NvmlLibrary.NVML_FI_DEV_TEMPERATURE_SLOWDOWN_TLIMIT, 0, NvmlLibrary.NVML_FI_DEV_TEMPERATURE_GPU_MAX_TLIMIT};

    private final NvmlLibrary nvml;
    private final Predicate<String> exported;
    private final NvmlTemperature temperature;

    NvmlThresholds(NvmlLibrary nvml, Predicate<String> exported, NvmlTemperature temperature) {
        this.nvml = nvml;
        this.exported = exported;
        this.temperature = temperature;
    }

    /** @param report receives one line per threshold that stays unknown, saying why */
    Values read(Pointer h, Consumer<String> report) {
        Double[] c = new Double[4];
        String[] why = new String[4];
        boolean old = exported.test("nvmlDeviceGetTemperatureThreshold");
        IntByReference v = new IntByReference();
        for (int type = 0; type < 4; type++) {
            int rc = old ? nvml.nvmlDeviceGetTemperatureThreshold(h, type, v) : NvmlError.FUNCTION_NOT_FOUND;
            if (rc == NvmlError.SUCCESS) {
                c[type] = (double) v.getValue();
            } else {
                why[type] = "nvmlDeviceGetTemperatureThreshold: " + (old ? NvmlError.describe(nvml, rc) : "not in this driver");
            }
        }
        if (c[0] == null || c[1] == null || c[3] == null) {
            fromTLimitFields(h, c, why);
        }
        for (int type = 0; type < 4; type++) {
            if (c[type] == null) {
                report.accept(NAMES[type] + " threshold (" + why[type] + ")");
            }
        }
        return new Values(c[0], c[1], c[3], c[2]);
    }

    private void fromTLimitFields(Pointer h, Double[] c, String[] why) {
        String fail = null;
        NvmlLibrary.FieldValue[] values = NvmlLibrary.FieldValue.array(3);
        int[] types = {0, 1, 3};
        for (int i = 0; i < 3; i++) {
            values[i].fieldId = FIELDS[types[i]];
        }
        if (!exported.test("nvmlDeviceGetFieldValues")) {
            fail = "nvmlDeviceGetFieldValues not in this driver";
        } else {
            int rc = nvml.nvmlDeviceGetFieldValues(h, 3, values);
            if (rc != NvmlError.SUCCESS) {
                fail = "T.Limit fields: " + NvmlError.describe(nvml, rc);
            }
        }
        Double tLimit = null;
        if (fail == null) {
            NvmlTemperature.Result t = tLimit(h);
            fail = t.why();
            tLimit = t.celsius();
        }
        for (int i = 0; i < 3; i++) {
            int type = types[i];
            if (c[type] != null) {
                continue;
            }
            if (fail != null) {
                why[type] += "; " + fail;
            } else if (values[i].nvmlReturn != NvmlError.SUCCESS) {
                why[type] += "; field " + values[i].fieldId + ": " + NvmlError.describe(nvml, values[i].nvmlReturn);
            } else {
                c[type] = tLimit - values[i].asDouble();
            }
        }
    }

    /** T.Limit, °C, from a temperature and margin of one instant; or why not. */
    private NvmlTemperature.Result tLimit(Pointer h) {
        if (!exported.test("nvmlDeviceGetMarginTemperature")) {
            return failed("nvmlDeviceGetMarginTemperature not in this driver");
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            NvmlTemperature.Result before = temperature.read(h);
            NvmlLibrary.MarginTemperature margin = new NvmlLibrary.MarginTemperature();
            int rc = nvml.nvmlDeviceGetMarginTemperature(h, margin);
            NvmlTemperature.Result after = temperature.read(h);
            if (rc != NvmlError.SUCCESS) {
                return failed("T.Limit margin: " + NvmlError.describe(nvml, rc));
            }
            if (before.celsius() == null || after.celsius() == null) {
                return failed("GPU temperature: " + (before.celsius() == null ? before.why() : after.why()));
            }
            if (before.celsius().equals(after.celsius())) {
                return new NvmlTemperature.Result(before.celsius() + margin.marginTemperature, null);
            }
        }
        return failed("GPU temperature kept changing while T.Limit was read");
    }

    private static NvmlTemperature.Result failed(String why) {
        return new NvmlTemperature.Result(null, why);
    }
}
