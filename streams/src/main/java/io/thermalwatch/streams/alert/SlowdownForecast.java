package io.thermalwatch.streams.alert;

/**
 * Forecasts when a GPU reaches its slowdown temperature from its smoothed rise.
 *
 * <p>A GPU's die follows its power like a first-order system: after a change it approaches a
 * steady temperature {@code T∞} exponentially with time constant τ (13 s slow part on the H100
 * trace this project's simulator is calibrated on), so {@code dT/dt = (T∞ − T)/τ} and
 * {@code T∞ = T + τ·dT/dt}. A straight-line extrapolation would cry wolf at every job start (an idle
 * GPU climbs several °C a second, then levels off well below slowdown); the asymptote does not: the
 * forecast fires only when the temperature is heading <em>past</em> the slowdown temperature, and
 * says when it gets there: {@code t = τ·ln((T∞ − T)/(T∞ − Tslow))}.
 *
 * <p>Only the slow part of the response is a trend. A die also follows its power within a second
 * (about two thirds of the rise after a job starts: 31 → 51 °C in 2 s on the H100 trace, then
 * 51 → 60 °C over a minute). Folded into the rise, that jump alone put {@code T∞} past 89 °C at
 * every job start of the H100 trace and of the simulator. A change faster than
 * {@code maxTrendCPerS} (beyond one whole-degree reading step) is the die settling on a new power,
 * complete when seen: it moves the temperature the forecast starts from, not the rise. So does any
 * change across which the power moved by more than {@code maxPowerStepPct} of the power limit: at
 * a collector's slower rates (5 s) a moderate load step is slow enough per second to pass for a trend.
 */
final class SlowdownForecast {

    /** Samples needed before the rise is trusted. */
    static final int WARM_UP_SAMPLES = 3;
    /** Readings come in whole degrees (nvidia-smi, NVML): one step of that much is no evidence of speed. */
    static final double READING_STEP_C = 1.0;

    private final double tauS;
    private final double smoothingS;
    private final double minRiseCPerS;
    private final double maxTrendCPerS;
    private final double maxPowerStep;

    SlowdownForecast(double tauS, double smoothingS, double minRiseCPerS, double maxTrendCPerS, double maxPowerStepPct) {
        if (tauS <= 0 || smoothingS <= 0 || minRiseCPerS < 0 || !(maxTrendCPerS > 0) || !(maxPowerStepPct > 0)) {
            throw new IllegalArgumentException("gpu-slowdown-forecast: timeConstantS, smoothingS, maxTrendCPerS and "
                    + "maxPowerStepPct must be positive, minRiseCPerS not negative");
        }
        this.maxTrendCPerS = maxTrendCPerS;
        this.maxPowerStep = maxPowerStepPct / 100.0;
        this.tauS = tauS;
        this.smoothingS = smoothingS;
        this.minRiseCPerS = minRiseCPerS;
    }

    /**
     * Folds a new temperature into the GPU's smoothed rise (irregular intervals welcome); {@code powerW}
     * is the sample's power and {@code powerLimitW} the GPU's limit (null: judged against its power).
     */
    void observe(GpuTrack track, double tempC, long eventMs, double powerW, Double powerLimitW) {
        if (!Double.isNaN(track.lastTempC)) {
            double dtS = (eventMs - track.lastMs) / 1000.0;
            if (dtS <= 0) {
                return; // a duplicate or out-of-order sample says nothing about the rise
            }
            double change = tempC - track.lastTempC;
            double scaleW = powerLimitW != null && powerLimitW > 0 ? powerLimitW : Math.max(powerW, track.lastPowerW);
            boolean powerStep = Math.abs(powerW - track.lastPowerW) > maxPowerStep * scaleW; // false when NaN
            if (!powerStep && Math.abs(change) - READING_STEP_C <= maxTrendCPerS * dtS) { // else a step to a new power
                double alpha = 1 - Math.exp(-dtS / smoothingS);
                track.riseCPerS += alpha * (change / dtS - track.riseCPerS);
                track.riseSamples++;
            }
        }
        track.lastTempC = tempC;
        track.lastMs = eventMs;
    }

    /**
     * Seconds until slowdown: 0 at or past it, +∞ when not heading there, NaN while warming up.
     */
    double secondsTo(GpuTrack track, double tempC, double slowdownC) {
        if (track.riseSamples < WARM_UP_SAMPLES) {
            return Double.NaN;
        }
        if (tempC >= slowdownC) {
            return 0;
        }
        double rise = track.riseCPerS;
        if (rise < minRiseCPerS) {
            return Double.POSITIVE_INFINITY;
        }
        double steadyC = tempC + tauS * rise;
        if (steadyC <= slowdownC) {
            return Double.POSITIVE_INFINITY;
        }
        return tauS * Math.log((steadyC - tempC) / (steadyC - slowdownC));
    }
}
