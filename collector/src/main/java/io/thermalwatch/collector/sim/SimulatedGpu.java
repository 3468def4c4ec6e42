package io.thermalwatch.collector.sim;

import io.thermalwatch.model.ClockEventReasons;
import io.thermalwatch.model.GpuReading;

/**
 * One simulated GPU: power follows its node's load; temperatures follow power through the
 * calibrated {@link GpuThermalModel} above the coolant at its cold plate.
 */
final class SimulatedGpu {

    static final String MODEL = "NVIDIA GB300";
    static final double IDLE_W = 75.0;
    static final double LIMIT_W = 1_400.0;
    static final double SLOWDOWN_C = 89.0;
    static final double SHUTDOWN_C = 95.0;
    static final double GPU_MAX_C = 87.0;
    static final double HBM_MAX_C = 95.0;

    private final int index;
    private final String uuid;
    private final GpuThermalModel thermal = new GpuThermalModel(LIMIT_W);
    private double powerW;
    private Double stuckTempC;

    SimulatedGpu(int index, String uuid) {
        this.index = index;
        this.uuid = uuid;
    }

    /**
     * Sets this tick's power draw.
     *
     * @param load       0 (idle) .. 1 (at the power limit)
     * @param noise      multiplicative noise around 1.0
     * @param limitScale power limit multiplier (1.0; more when the rack is driven over budget)
     */
    double drawPower(double load, double noise, double limitScale) {
        double limit = LIMIT_W * limitScale;
        powerW = Math.min(limit, (IDLE_W + (limit - IDLE_W) * load) * noise);
        powerW = Math.round(powerW * 1000.0) / 1000.0; // NVML reports milliwatts
        return powerW;
    }

    /** Advances temperatures and returns this tick's reading. */
    GpuReading step(double load, double plateCoolantC, double dtS, double resistanceFactor, boolean sensorStuck,
                    double limitScale) {
        thermal.step(powerW, plateCoolantC, dtS, resistanceFactor);
        double dieC = round1(thermal.dieC());
        if (sensorStuck) {
            stuckTempC = stuckTempC == null ? dieC : stuckTempC;
            dieC = stuckTempC;
        } else {
            stuckTempC = null;
        }
        long reasons = 0;
        if (load < 0.02) {
            reasons |= ClockEventReasons.GPU_IDLE;
        }
        if (powerW >= LIMIT_W * limitScale * 0.995) {
            reasons |= ClockEventReasons.SW_POWER_CAP;
        }
        if (thermal.dieC() >= SLOWDOWN_C) {
            reasons |= ClockEventReasons.SW_THERMAL_SLOWDOWN;
        }
        if (thermal.dieC() >= SHUTDOWN_C - 1) {
            reasons |= ClockEventReasons.HW_THERMAL_SLOWDOWN;
        }
        int smClockMhz = load < 0.02 ? 345 : ClockEventReasons.isThermal(reasons) ? 1_410 : 1_980;
        return new GpuReading(index, uuid, MODEL, powerW, Math.min(150, dieC), Math.min(150, round1(thermal.hbmC())),
                smClockMhz, reasons, Math.round(load * 1000.0) / 10.0, round1(LIMIT_W * limitScale), SLOWDOWN_C,
                SHUTDOWN_C, GPU_MAX_C, HBM_MAX_C);
    }

    private static double round1(double v) {
        return Math.round(v * 10.0) / 10.0;
    }
}
