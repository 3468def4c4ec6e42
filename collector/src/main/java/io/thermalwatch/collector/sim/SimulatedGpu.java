package io.thermalwatch.collector.sim;

import io.thermalwatch.model.ClockEventReasons;
import io.thermalwatch.model.GpuReading;

/**
 * One simulated GPU: power follows its node's load; temperatures follow power through the
 * calibrated {@link GpuThermalModel} above the coolant at its cold plate.
 *
 * <p>It protects itself as a real GPU does. Above its max operating temperature ({@link #GPU_MAX_C})
 * the driver's software thermal slowdown lowers clocks, and with them power, to the level that holds
 * the die at that temperature (the {@code SW_THERMAL_SLOWDOWN} clock-event reason). At its slowdown
 * temperature ({@link #SLOWDOWN_C}), reached only when even lowered clocks cannot hold it, hardware
 * slowdown halves the clocks and drops power to the minimum-clock level ({@code HW_THERMAL_SLOWDOWN}).
 * At its shutdown temperature ({@link #SHUTDOWN_C}) it shuts down: it draws nothing and stops
 * reporting for the rest of the run, as a real GPU does until its node is reset.
 */
final class SimulatedGpu {

    static final String MODEL = "NVIDIA GB300";
    static final double IDLE_W = 75.0;
    static final double LIMIT_W = 1_400.0;
    /** Power at the lowest clocks under load, watts: the floor that thermal slowdown cannot go below. */
    static final double MIN_CLOCK_W = IDLE_W + 0.15 * (LIMIT_W - IDLE_W);
    static final double SLOWDOWN_C = 89.0;
    static final double SHUTDOWN_C = 95.0;
    static final double GPU_MAX_C = 87.0;
    static final double HBM_MAX_C = 95.0;
    static final int MAX_CLOCK_MHZ = 1_980;
    static final int IDLE_CLOCK_MHZ = 345;
    /**
     * Module power ÷ GPU power: a Grace-Blackwell GPU reports module power (the GPU with its share
     * of the Grace CPU and memory); the simulator books the rest of the tray (NICs, NVLink
     * switches, fans) on it too, so that the rack's reported power is all the heat its loop sees.
     */
    static final double MODULE_POWER_FACTOR = 1.15;

    private final int index;
    private final String uuid;
    private final GpuThermalModel thermal = new GpuThermalModel(LIMIT_W);
    private double powerW;
    private double demandW;
    private double resistanceFactor = 1.0;
    private double lastPlateC = CoolantLoop.SUPPLY_C;
    private boolean swSlowdown;
    private boolean hwSlowdown;
    private boolean shutDown;
    private Double stuckTempC;

    SimulatedGpu(int index, String uuid) {
        this.index = index;
        this.uuid = uuid;
    }

    /**
     * Sets this tick's power draw, watts: what the load asks for, lowered by thermal slowdown.
     *
     * @param load             0 (idle) .. 1 (at the power limit)
     * @param noise            multiplicative noise around 1.0
     * @param limitScale       power limit multiplier (1.0; more when the rack is driven over budget)
     * @param resistanceFactor cold-plate thermal resistance multiplier (1.0; more when fouled)
     * @param dtS              seconds since the last tick
     */
    double drawPower(double load, double noise, double limitScale, double resistanceFactor, double dtS) {
        this.resistanceFactor = resistanceFactor;
        if (shutDown) {
            powerW = 0;
            return 0;
        }
        double limit = LIMIT_W * limitScale;
        demandW = Math.min(limit, (IDLE_W + (limit - IDLE_W) * load) * noise);
        double floorW = Math.min(demandW, MIN_CLOCK_W);
        hwSlowdown = thermal.dieC() >= SLOWDOWN_C;
        double held = thermal.powerToHold(GPU_MAX_C, lastPlateC, dtS, resistanceFactor);
        swSlowdown = held < demandW;
        double power = hwSlowdown ? floorW : Math.max(floorW, Math.min(demandW, held));
        powerW = Math.round(power * 1000.0) / 1000.0; // NVML reports milliwatts
        return powerW;
    }

    /** Advances temperatures and returns this tick's reading, or null once the GPU has shut down. */
    GpuReading step(double load, double plateCoolantC, double dtS, boolean sensorStuck, double limitScale) {
        if (shutDown) {
            return null;
        }
        lastPlateC = plateCoolantC;
        thermal.step(powerW, plateCoolantC, dtS, resistanceFactor);
        if (thermal.dieC() >= SHUTDOWN_C) {
            shutDown = true;
            return null;
        }
        hwSlowdown |= thermal.dieC() >= SLOWDOWN_C; // the hardware reacts within the tick
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
        if (!swSlowdown && !hwSlowdown && powerW >= LIMIT_W * limitScale * 0.995) {
            reasons |= ClockEventReasons.SW_POWER_CAP;
        }
        if (swSlowdown) {
            reasons |= ClockEventReasons.SW_THERMAL_SLOWDOWN;
        }
        if (hwSlowdown) {
            reasons |= ClockEventReasons.HW_THERMAL_SLOWDOWN;
        }
        return new GpuReading(index, uuid, MODEL, powerW, Math.min(150, dieC), Math.min(150, round1(thermal.hbmC())),
                clockMhz(load), reasons, Math.round(load * 1000.0) / 10.0, round1(LIMIT_W * limitScale), SLOWDOWN_C,
                SHUTDOWN_C, GPU_MAX_C, HBM_MAX_C, null, Math.round(powerW * MODULE_POWER_FACTOR * 1000.0) / 1000.0);
    }

    /** SM clock, MHz: lowered in proportion to the power thermal slowdown took away; halved by hardware slowdown. */
    private int clockMhz(double load) {
        if (load < 0.02) {
            return IDLE_CLOCK_MHZ;
        }
        double share = demandW > IDLE_W ? Math.min(1.0, (powerW - IDLE_W) / (demandW - IDLE_W)) : 1.0;
        double clock = MAX_CLOCK_MHZ * Math.max(0.2, share) * (hwSlowdown ? 0.5 : 1.0);
        return (int) Math.max(IDLE_CLOCK_MHZ, Math.round(clock));
    }

    private static double round1(double v) {
        return Math.round(v * 10.0) / 10.0;
    }
}
