package io.thermalwatch.collector.sim;

import io.thermalwatch.model.ClockEventReasons;
import io.thermalwatch.model.GpuReading;

/**
 * One simulated GPU: power follows its node's load, temperatures follow power through first-order
 * thermal lags (die fast, HBM slower) above the coolant supply temperature.
 */
final class SimulatedGpu {

    static final String MODEL = "NVIDIA GB300";
    static final double IDLE_W = 75.0;
    static final double LIMIT_W = 1_400.0;
    static final double SUPPLY_C = 30.0;
    /** Die thermal resistance to coolant, °C/W: ~61 °C at the limit with 30 °C supply. */
    static final double DIE_K_PER_W = 0.022;
    static final double HBM_K_PER_W = 0.018;
    static final double DIE_TAU_S = 4.0;
    static final double HBM_TAU_S = 15.0;
    static final double SLOWDOWN_C = 89.0;
    static final double SHUTDOWN_C = 95.0;
    static final double GPU_MAX_C = 87.0;
    static final double HBM_MAX_C = 95.0;

    private final int index;
    private final String uuid;
    private double dieC = Double.NaN;
    private double hbmC;

    SimulatedGpu(int index, String uuid) {
        this.index = index;
        this.uuid = uuid;
    }

    /**
     * Advances this GPU by {@code dtS} seconds at the given load and returns its reading.
     *
     * @param load  0 (idle) .. 1 (at the power limit)
     * @param noise multiplicative power noise around 1.0
     */
    GpuReading step(double load, double noise, double dtS) {
        double powerW = Math.min(LIMIT_W, (IDLE_W + (LIMIT_W - IDLE_W) * load) * noise);
        powerW = Math.round(powerW * 1000.0) / 1000.0; // NVML reports milliwatts
        double dieTarget = SUPPLY_C + DIE_K_PER_W * powerW;
        double hbmTarget = SUPPLY_C + 3.0 + HBM_K_PER_W * powerW;
        if (Double.isNaN(dieC)) {
            dieC = dieTarget;
            hbmC = hbmTarget;
        } else {
            dieC += (dieTarget - dieC) * (1 - Math.exp(-dtS / DIE_TAU_S));
            hbmC += (hbmTarget - hbmC) * (1 - Math.exp(-dtS / HBM_TAU_S));
        }
        long reasons = 0;
        if (load < 0.02) {
            reasons |= ClockEventReasons.GPU_IDLE;
        }
        if (powerW >= LIMIT_W * 0.995) {
            reasons |= ClockEventReasons.SW_POWER_CAP;
        }
        if (dieC >= SLOWDOWN_C) {
            reasons |= ClockEventReasons.SW_THERMAL_SLOWDOWN;
        }
        int smClockMhz = load < 0.02 ? 345 : 1_980;
        return new GpuReading(index, uuid, MODEL, powerW, round1(dieC), round1(hbmC), smClockMhz, reasons,
                Math.round(load * 1000.0) / 10.0, LIMIT_W, SLOWDOWN_C, SHUTDOWN_C, GPU_MAX_C, HBM_MAX_C);
    }

    private static double round1(double v) {
        return Math.round(v * 10.0) / 10.0;
    }
}
