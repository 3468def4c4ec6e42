package io.thermalwatch.collector.sim;

/**
 * GPU die and HBM temperature as a function of power, calibrated on a real NVIDIA H100 SXM (10 Hz
 * NVML trace through idle, 700 W load and cool-down; see the collector's test resources).
 *
 * <p>Each temperature is the coolant temperature at the cold plate, plus an offset, plus two
 * first-order lags of power: a fast one (the die follows within a second: ~68 % of the rise) and
 * a slow one (the heat spreader and cold plate, τ ≈ 13 s). Least-squares fit over the trace:
 * die RMSE 0.96 °C, HBM 0.63 °C (temperatures are whole degrees, so ~0.3 °C is the floor).
 * HBM lags the die: its slow share is larger. Thermal resistances scale with 700 W / power limit,
 * assuming a cold plate sized for its GPU's limit: at the limit every GPU sits ~34 °C above coolant.
 */
final class GpuThermalModel {

    /** Coolant temperature at which the model reproduces the H100 trace, °C. */
    static final double CALIBRATION_COOLANT_C = 27.0;
    static final double CALIBRATION_LIMIT_W = 700.0;

    static final double DIE_OFFSET_C = 0.035;
    static final double DIE_FAST_K_PER_W = 0.03262;
    static final double DIE_SLOW_K_PER_W = 0.01554;
    static final double HBM_OFFSET_C = 4.707;
    static final double HBM_FAST_K_PER_W = 0.01393;
    static final double HBM_SLOW_K_PER_W = 0.01742;
    static final double FAST_TAU_S = 0.1;
    static final double SLOW_TAU_S = 13.0;

    private final double scale;
    private double dieFast = Double.NaN;
    private double dieSlow;
    private double hbmFast;
    private double hbmSlow;
    private double dieC;
    private double hbmC;

    /** @param powerLimitW the GPU's power limit, watts: resistances scale with 700 W / limit */
    GpuThermalModel(double powerLimitW) {
        this.scale = CALIBRATION_LIMIT_W / powerLimitW;
    }

    /**
     * Advances the model by {@code dtS} seconds at {@code powerW}, with coolant at the cold plate at
     * {@code coolantC}; {@code resistanceFactor} > 1 models a fouled cold plate. The first call
     * starts from steady state.
     */
    void step(double powerW, double coolantC, double dtS, double resistanceFactor) {
        double k = scale * resistanceFactor;
        if (Double.isNaN(dieFast)) {
            dieFast = DIE_FAST_K_PER_W * k * powerW;
            dieSlow = DIE_SLOW_K_PER_W * k * powerW;
            hbmFast = HBM_FAST_K_PER_W * k * powerW;
            hbmSlow = HBM_SLOW_K_PER_W * k * powerW;
        } else {
            double fast = 1 - Math.exp(-dtS / FAST_TAU_S);
            double slow = 1 - Math.exp(-dtS / SLOW_TAU_S);
            dieFast += (DIE_FAST_K_PER_W * k * powerW - dieFast) * fast;
            dieSlow += (DIE_SLOW_K_PER_W * k * powerW - dieSlow) * slow;
            hbmFast += (HBM_FAST_K_PER_W * k * powerW - hbmFast) * fast;
            hbmSlow += (HBM_SLOW_K_PER_W * k * powerW - hbmSlow) * slow;
        }
        dieC = coolantC + DIE_OFFSET_C + dieFast + dieSlow;
        hbmC = coolantC + HBM_OFFSET_C + hbmFast + hbmSlow;
    }

    /**
     * The power, watts, at which the die would be at {@code targetDieC} after {@code dtS} more
     * seconds with coolant at {@code coolantC}: what a GPU's thermal controller allows when it
     * slows down to hold its temperature. Infinite when {@code dtS} is 0 (nothing can change).
     */
    double powerToHold(double targetDieC, double coolantC, double dtS, double resistanceFactor) {
        double k = scale * resistanceFactor;
        if (Double.isNaN(dieFast)) { // the first step starts from steady state
            return (targetDieC - coolantC - DIE_OFFSET_C) / (k * (DIE_FAST_K_PER_W + DIE_SLOW_K_PER_W));
        }
        if (dtS <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        double fast = 1 - Math.exp(-dtS / FAST_TAU_S);
        double slow = 1 - Math.exp(-dtS / SLOW_TAU_S);
        double held = coolantC + DIE_OFFSET_C + dieFast * (1 - fast) + dieSlow * (1 - slow);
        return (targetDieC - held) / (k * (DIE_FAST_K_PER_W * fast + DIE_SLOW_K_PER_W * slow));
    }

    double dieC() {
        return dieC;
    }

    double hbmC() {
        return hbmC;
    }
}
