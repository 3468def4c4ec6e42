package io.thermalwatch.model;

import static io.thermalwatch.model.Bounds.requireId;
import static io.thermalwatch.model.Bounds.requireRange;
import static io.thermalwatch.model.Bounds.requireRangeOrNull;
import static io.thermalwatch.model.Bounds.requireTemp;
import static io.thermalwatch.model.Bounds.requireTempOrNull;

/**
 * One GPU's reading within a {@link NodeSample}. Nullable fields are those some GPUs or sources do
 * not report (e.g. HBM temperature on GDDR cards); a null is "not reported", never zero.
 *
 * @param index             the GPU's index on its node, 0..63
 * @param uuid              the GPU's UUID as NVML reports it ({@code GPU-...})
 * @param model             product name, e.g. {@code NVIDIA H100 80GB HBM3}, at most 256 characters; null becomes ""
 * @param powerW            board power draw, watts, 0..5000
 * @param gpuTempC          GPU die temperature, °C, -40..150
 * @param hbmTempC          HBM (memory) temperature, °C, or null
 * @param smClockMhz        SM clock, MHz, or null
 * @param clockEventReasons NVML clock-event-reason bitmask (see {@link ClockEventReasons}), or null
 *                          when the source cannot read it: null is "unknown", never "not throttled"
 * @param utilizationPct    GPU utilisation, percent 0..100, or null
 * @param powerLimitW       enforced power limit, watts, or null
 * @param slowdownTempC     the device's own slowdown threshold, °C, or null
 * @param shutdownTempC     the device's own shutdown threshold, °C, or null
 * @param gpuMaxTempC       the device's own GPU max operating temperature, °C, or null
 * @param hbmMaxTempC       the device's own HBM max operating temperature, °C, or null
 * @param energyMj          the GPU's total energy counter, millijoules since the driver loaded, or
 *                          null; 0..2^53-1: NVML takes ~3 ms to read it, so collectors read it every few seconds,
 *                          not every tick
 * @param modulePowerW      module power draw, watts, or null: on Grace-Blackwell (GB200/GB300) the
 *                          whole superchip module (Grace CPU + GPU + memory) as NVML's module power
 *                          scope reports it; rack power and power budgets use it where present
 */
public record GpuReading(
        int index,
        String uuid,
        String model,
        double powerW,
        double gpuTempC,
        Double hbmTempC,
        Integer smClockMhz,
        Long clockEventReasons,
        Double utilizationPct,
        Double powerLimitW,
        Double slowdownTempC,
        Double shutdownTempC,
        Double gpuMaxTempC,
        Double hbmMaxTempC,
        Long energyMj,
        Double modulePowerW) {

    /** The highest GPU index a node may have (indices are kept in a 64-bit mask per node). */
    public static final int MAX_INDEX = 63;

    public GpuReading {
        if (index < 0 || index > MAX_INDEX) {
            throw new InvalidTelemetryException(RejectReason.OUT_OF_RANGE,
                    "index must be in 0.." + MAX_INDEX + ", was " + index);
        }
        requireId("uuid", uuid);
        model = model == null ? "" : Bounds.requireTextOrNull("model", model);
        requireRange("powerW", powerW, 0.0, Bounds.MAX_GPU_POWER_W, "W");
        requireTemp("gpuTempC", gpuTempC);
        requireTempOrNull("hbmTempC", hbmTempC);
        if (smClockMhz != null && (smClockMhz < 0 || smClockMhz > 10_000)) {
            throw new InvalidTelemetryException(RejectReason.OUT_OF_RANGE,
                    "smClockMhz must be in 0..10000 MHz, was " + smClockMhz);
        }
        requireRangeOrNull("utilizationPct", utilizationPct, 0.0, 100.0, "%");
        requireRangeOrNull("powerLimitW", powerLimitW, 0.0, Bounds.MAX_GPU_POWER_W, "W");
        requireTempOrNull("slowdownTempC", slowdownTempC);
        requireTempOrNull("shutdownTempC", shutdownTempC);
        requireTempOrNull("gpuMaxTempC", gpuMaxTempC);
        requireTempOrNull("hbmMaxTempC", hbmMaxTempC);
        if (energyMj != null) {
            Bounds.requireCount("energyMj", energyMj, 0, Bounds.MAX_SAFE_INTEGER);
        }
        if (clockEventReasons != null && (clockEventReasons < 0 || clockEventReasons > ClockEventReasons.MAX)) {
            throw new InvalidTelemetryException(RejectReason.OUT_OF_RANGE,
                    "clockEventReasons must be in 0.." + ClockEventReasons.MAX + ", was " + clockEventReasons);
        }
        requireRangeOrNull("modulePowerW", modulePowerW, 0.0, Bounds.MAX_GPU_POWER_W, "W");
    }

    /** A reading with the energy counter but no module power (every GPU but Grace-Blackwell's). */
    public GpuReading(int index, String uuid, String model, double powerW, double gpuTempC, Double hbmTempC,
                      Integer smClockMhz, Long clockEventReasons, Double utilizationPct, Double powerLimitW,
                      Double slowdownTempC, Double shutdownTempC, Double gpuMaxTempC, Double hbmMaxTempC,
                      Long energyMj) {
        this(index, uuid, model, powerW, gpuTempC, hbmTempC, smClockMhz, clockEventReasons, utilizationPct, powerLimitW,
                slowdownTempC, shutdownTempC, gpuMaxTempC, hbmMaxTempC, energyMj, null);
    }

    /** A reading without the energy counter (read on most ticks). */
    public GpuReading(int index, String uuid, String model, double powerW, double gpuTempC, Double hbmTempC,
                      Integer smClockMhz, Long clockEventReasons, Double utilizationPct, Double powerLimitW,
                      Double slowdownTempC, Double shutdownTempC, Double gpuMaxTempC, Double hbmMaxTempC) {
        this(index, uuid, model, powerW, gpuTempC, hbmTempC, smClockMhz, clockEventReasons, utilizationPct, powerLimitW,
                slowdownTempC, shutdownTempC, gpuMaxTempC, hbmMaxTempC, null, null);
    }

    /**
     * Whether a thermal clock-event reason (software or hardware thermal slowdown) is known to be
     * active; false when the reasons are unknown (null).
     */
    public boolean thermallyThrottled() {
        return clockEventReasons != null && ClockEventReasons.isThermal(clockEventReasons);
    }

    /**
     * The power that counts against a rack's budget, watts: module power where the source reports it
     * (Grace-Blackwell), board power otherwise.
     */
    public double budgetPowerW() {
        return modulePowerW != null ? modulePowerW : powerW;
    }
}
