package io.thermalwatch.collector.dcgm;

import io.thermalwatch.model.GpuReading;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a dcgm-exporter scrape into per-GPU readings, grouped by the {@code Hostname} label.
 * DCGM's "blank" sentinels (a field DCGM has no value for, does not support or may not read:
 * int32 2147483632..2147483647, int64 from 9223372036854775792, fp64 140737488355328..+15)
 * read as missing, never as a measurement. A memory temperature of exactly 0 °C is what
 * dcgm-exporter prints for GPUs without an HBM sensor: also missing.
 */
final class DcgmScrape {

    /** GPUs of one host. */
    record HostGpus(String hostname, List<GpuFields> gpus) {
    }

    /** The fields of one GPU, nullable. */
    record GpuFields(int index, String uuid, String model, Double powerW, Double gpuTempC, Double memTempC,
                     Double smClockMhz, Double utilPct, Double reasons, Double powerLimitW, Double slowdownC,
                     Double shutdownC, Double gpuMaxC, Double memMaxC) {

        /** The wire reading, or null when UUID, power or GPU temperature is missing. */
        GpuReading toReading() {
            if (uuid == null || powerW == null || gpuTempC == null || index < 0 || index > GpuReading.MAX_INDEX) {
                return null;
            }
            return new GpuReading(index, uuid, model, powerW, gpuTempC, memTempC,
                    smClockMhz == null ? null : (int) Math.round(smClockMhz), reasons == null ? null : (Long) reasons.longValue(),
                    utilPct, powerLimitW, slowdownC, shutdownC, gpuMaxC, memMaxC);
        }
    }

    private DcgmScrape() {
    }

    static List<HostGpus> read(String scrape) {
        Map<String, Map<String, Map<String, Double>>> byHostByGpu = new TreeMap<>();
        Map<String, String[]> identity = new TreeMap<>();
        for (PrometheusText.Sample s : PrometheusText.parse(scrape)) {
            if (!s.name().startsWith("DCGM_FI_DEV_") || !s.labels().containsKey("gpu")) {
                continue;
            }
            String host = s.labels().getOrDefault("Hostname", "");
            String gpu = s.labels().get("gpu");
            if (s.labels().containsKey("GPU_I_ID")) {
                continue; // a MIG instance's series; the physical GPU's own series carries power and temperature
            }
            identity.putIfAbsent(host + "/" + gpu, new String[] {s.labels().get("UUID"), s.labels().get("modelName")});
            byHostByGpu.computeIfAbsent(host, h -> new TreeMap<>(java.util.Comparator.comparingInt(Integer::parseInt)))
                    .computeIfAbsent(gpu, g -> new TreeMap<>())
                    .put(s.name().substring("DCGM_FI_DEV_".length()), blankToNull(s.value()));
        }
        List<HostGpus> hosts = new ArrayList<>();
        byHostByGpu.forEach((host, gpus) -> {
            List<GpuFields> fields = new ArrayList<>();
            gpus.forEach((gpu, f) -> {
                String[] id = identity.get(host + "/" + gpu);
                Double memTemp = f.get("MEMORY_TEMP");
                fields.add(new GpuFields(Integer.parseInt(gpu), id[0], id[1], f.get("POWER_USAGE"), f.get("GPU_TEMP"),
                        memTemp != null && memTemp == 0.0 ? null : memTemp, f.get("SM_CLOCK"), f.get("GPU_UTIL"),
                        first(f.get("CLOCKS_EVENT_REASONS"), f.get("CLOCK_THROTTLE_REASONS")),
                        first(f.get("ENFORCED_POWER_LIMIT"), f.get("POWER_MGMT_LIMIT")),
                        f.get("SLOWDOWN_TEMP"), f.get("SHUTDOWN_TEMP"), f.get("GPU_MAX_OP_TEMP"), f.get("MEM_MAX_OP_TEMP")));
            });
            hosts.add(new HostGpus(host, fields));
        });
        return hosts;
    }

    static boolean isBlank(double v) {
        return (v >= 2_147_483_632.0 && v <= 2_147_483_647.0)
                || (v >= 140_737_488_355_328.0 && v < 140_737_488_355_344.0)
                || v >= 9.223372036854775E18
                || Double.isNaN(v);
    }

    private static Double blankToNull(double v) {
        return isBlank(v) ? null : v;
    }

    private static Double first(Double a, Double b) {
        return a != null ? a : b;
    }
}
