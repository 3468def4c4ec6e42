package io.thermalwatch.streams.alert;

import io.thermalwatch.model.ClockEventReasons;
import io.thermalwatch.model.GpuReading;
import io.thermalwatch.model.NodeSample;
import java.util.Locale;

/**
 * The GPU rules that run on every sample as it arrives: margin to the device's own slowdown
 * temperature, HBM margin to its own maximum, thermal clock-event reasons, the forecast time to
 * slowdown, and a temperature sensor stuck while power moves. Each compares against the GPU's own thresholds from the same sample; a threshold or
 * reading the GPU does not report leaves its rule unevaluated (unknown is never "fine").
 */
public final class GpuRules {

    private final RuleSpec margin;
    private final RuleSpec hbm;
    private final RuleSpec throttle;
    private final RuleSpec forecast;
    private final RuleSpec stuck;
    private final double hwSlowdownMarginC;
    private final SlowdownForecast forecaster;
    private final SensorStuck stuckSensor;

    public GpuRules(RuleBook book) {
        this.margin = book.rule(GpuTrack.Rule.SLOWDOWN_MARGIN.id());
        this.hbm = book.rule(GpuTrack.Rule.HBM_MARGIN.id());
        this.throttle = book.rule(GpuTrack.Rule.THERMAL_SLOWDOWN.id());
        this.forecast = book.rule(GpuTrack.Rule.SLOWDOWN_FORECAST.id());
        this.hwSlowdownMarginC = throttle.param("hwSlowdownMarginC");
        this.forecaster = new SlowdownForecast(forecast.param("timeConstantS"), forecast.param("smoothingS"),
                forecast.param("minRiseCPerS"), forecast.param("maxTrendCPerS"),
                forecast.param("maxPowerStepPct"));
        this.stuck = book.rule(GpuTrack.Rule.SENSOR_STUCK.id());
        this.stuckSensor = new SensorStuck(stuck.param("minFrozenS"));
    }

    /** Evaluates one GPU of a sample at the sample's event time. */
    public void evaluate(NodeSample sample, GpuReading gpu, GpuTrack track, AlertListener listener) {
        long t = sample.eventMs();
        double temp = gpu.gpuTempC();
        double marginC = gpu.slowdownTempC() == null ? Double.NaN : gpu.slowdownTempC() - temp;
        forecaster.observe(track, temp, t, gpu.powerW(), gpu.powerLimitW());
        track.lastPowerW = gpu.powerW();

        RuleEvaluator.evaluate(margin, track.state(GpuTrack.Rule.SLOWDOWN_MARGIN), () -> subject(sample, gpu), marginC, t,
                v -> String.format(Locale.ROOT, "%s is %.1f °C from its slowdown temperature (%.0f °C), at %.0f °C",
                        describe(sample, gpu), v, gpu.slowdownTempC(), temp), listener);

        double hbmMarginC = gpu.hbmMaxTempC() == null || gpu.hbmTempC() == null ? Double.NaN
                : gpu.hbmMaxTempC() - gpu.hbmTempC();
        RuleEvaluator.evaluate(hbm, track.state(GpuTrack.Rule.HBM_MARGIN), () -> subject(sample, gpu), hbmMarginC, t,
                v -> String.format(Locale.ROOT, "%s HBM is %.1f °C from its maximum (%.0f °C)", describe(sample, gpu), v,
                        gpu.hbmMaxTempC()), listener);

        double level = throttleLevel(gpu.clockEventReasons(), marginC);
        RuleEvaluator.evaluate(throttle, track.state(GpuTrack.Rule.THERMAL_SLOWDOWN), () -> subject(sample, gpu), level, t,
                v -> describe(sample, gpu) + (v >= 2 ? " is in hardware thermal slowdown or power brake"
                        : v >= 1 ? " is in software thermal slowdown" : " is no longer thermally slowed"), listener);

        double secondsToSlowdown = gpu.slowdownTempC() == null ? Double.NaN
                : forecaster.secondsTo(track, temp, gpu.slowdownTempC());
        RuleEvaluator.evaluate(forecast, track.state(GpuTrack.Rule.SLOWDOWN_FORECAST), () -> subject(sample, gpu),
                secondsToSlowdown, t, v -> Double.isInfinite(v)
                        ? describe(sample, gpu) + " is no longer heading for its slowdown temperature"
                        : String.format(Locale.ROOT, "%s reaches slowdown (%.0f °C) in ~%.0f s at the current rise (%+.2f °C/s)",
                                describe(sample, gpu), gpu.slowdownTempC(), v, track.riseCPerS), listener);

        double swingPct = stuckSensor.observe(track, temp, gpu.powerW(), gpu.powerLimitW(), t);
        RuleEvaluator.evaluate(stuck, track.state(GpuTrack.Rule.SENSOR_STUCK), () -> subject(sample, gpu), swingPct, t,
                v -> v == 0 ? describe(sample, gpu) + " temperature reading moves again"
                        : String.format(Locale.ROOT, "%s has read %.1f °C since %d s while its power swung %.0f W "
                                + "(%.0f %% of its limit): its temperature sensor looks stuck; its heat is not watched",
                        describe(sample, gpu), track.frozenTempC, (t - track.frozenSinceMs) / 1000,
                        track.frozenMaxW - track.frozenMinW, v), listener);
    }

    /**
     * 0 = no thermal reason, 1 = software thermal slowdown, 2 = hardware thermal slowdown or power
     * brake, NaN = reasons unknown. HW slowdown (0x8) is raised for thermal and for external
     * (power-supply) causes alike: it counts as hardware thermal only within
     * {@code hwSlowdownMarginC} of the slowdown temperature.
     */
    double throttleLevel(Long reasons, double marginC) {
        if (reasons == null) {
            return Double.NaN;
        }
        long r = reasons;
        if ((r & (ClockEventReasons.HW_THERMAL_SLOWDOWN | ClockEventReasons.HW_POWER_BRAKE_SLOWDOWN)) != 0
                || (r & ClockEventReasons.HW_SLOWDOWN) != 0 && marginC <= hwSlowdownMarginC) {
            return 2;
        }
        return (r & ClockEventReasons.SW_THERMAL_SLOWDOWN) != 0 ? 1 : 0;
    }

    private static String describe(NodeSample s, GpuReading g) {
        return "GPU " + g.index() + " of " + s.node();
    }

    private static AlertSubject subject(NodeSample s, GpuReading g) {
        return AlertSubject.gpu(s.site(), s.hall(), s.row(), s.rack(), s.node(), g.index());
    }
}
