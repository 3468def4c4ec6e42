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
 */
final class SlowdownForecast {

    /** Samples needed before the rise is trusted. */
    static final int WARM_UP_SAMPLES = 3;

    private final double tauS;
    private final double smoothingS;
    private final double minRiseCPerS;

    SlowdownForecast(double tauS, double smoothingS, double minRiseCPerS) {
        if (tauS <= 0 || smoothingS <= 0 || minRiseCPerS < 0) {
            throw new IllegalArgumentException("gpu-slowdown-forecast: timeConstantS and smoothingS must be positive, "
                    + "minRiseCPerS not negative");
        }
        this.tauS = tauS;
        this.smoothingS = smoothingS;
        this.minRiseCPerS = minRiseCPerS;
    }

    /** Folds a new temperature into the GPU's smoothed rise (irregular intervals welcome). */
    void observe(GpuTrack track, double tempC, long eventMs) {
        if (!Double.isNaN(track.lastTempC)) {
            double dtS = (eventMs - track.lastMs) / 1000.0;
            if (dtS <= 0) {
                return; // a duplicate or out-of-order sample says nothing about the rise
            }
            double alpha = 1 - Math.exp(-dtS / smoothingS);
            track.riseCPerS += alpha * ((tempC - track.lastTempC) / dtS - track.riseCPerS);
            track.riseSamples++;
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
