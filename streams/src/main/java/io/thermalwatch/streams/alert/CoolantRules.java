package io.thermalwatch.streams.alert;

import io.thermalwatch.model.CoolantSample;
import io.thermalwatch.model.LeakDetectorReading;
import io.thermalwatch.model.PumpReading;
import io.thermalwatch.model.RackInventory;
import java.util.Locale;

/**
 * The coolant rules, run on every coolant sample as it arrives: supply temperature above design,
 * flow below design, differential pressure abnormal for the flow, a failed pump, a leak (critical
 * on the first sample), reservoir low, the CDU's own health critical. Design values come from the
 * rack's inventory; without one, flow has no reference and is not judged.
 */
public final class CoolantRules {

    /** Samples of a healthy loop before its learned hydraulic resistance is trusted. */
    static final int RESISTANCE_WARM_UP = 30;
    /** Learning rate of the resistance baseline: ~ the last 10 minutes at one sample a second. */
    private static final double RESISTANCE_ALPHA = 1.0 / 600;

    private final RuleSpec supply;
    private final RuleSpec flow;
    private final RuleSpec dp;
    private final RuleSpec pump;
    private final RuleSpec leak;
    private final RuleSpec reservoir;
    private final RuleSpec health;

    public CoolantRules(RuleBook book) {
        supply = book.rule(LoopTrack.Rule.SUPPLY_TEMP.id());
        flow = book.rule(LoopTrack.Rule.FLOW_LOW.id());
        dp = book.rule(LoopTrack.Rule.DP_ABNORMAL.id());
        pump = book.rule(LoopTrack.Rule.PUMP_FAILED.id());
        leak = book.rule(LoopTrack.Rule.LEAK.id());
        reservoir = book.rule(LoopTrack.Rule.RESERVOIR_LOW.id());
        health = book.rule(LoopTrack.Rule.CDU_HEALTH.id());
    }

    /** Evaluates one coolant sample at its event time; {@code inventory} may be null. */
    public void evaluate(CoolantSample s, RackInventory inventory, LoopTrack track, AlertListener listener) {
        long t = s.eventMs();
        String where = "coolant loop " + s.loop() + " of rack " + s.rack();
        double designSupplyC = inventory != null && inventory.designSupplyTempC() != null
                ? inventory.designSupplyTempC() : supply.param("designSupplyC");
        double above = s.supplyTempC() == null ? Double.NaN : s.supplyTempC() - designSupplyC;
        eval(supply, track, LoopTrack.Rule.SUPPLY_TEMP, s, above, t, listener, v -> String.format(Locale.ROOT,
                "%s supplies %.1f °C, %.1f °C above its design %.1f °C", where, s.supplyTempC(), v, designSupplyC));

        Double designFlow = inventory == null ? null : inventory.designFlowLpm();
        double flowPct = s.flowLpm() == null || designFlow == null || designFlow <= 0 ? Double.NaN
                : s.flowLpm() / designFlow * 100.0;
        eval(flow, track, LoopTrack.Rule.FLOW_LOW, s, flowPct, t, listener, v -> String.format(Locale.ROOT,
                "%s flows %.1f L/min, %.0f %% of its design %.0f L/min", where, s.flowLpm(), v, designFlow));

        double deviation = pressureDeviationPct(s, inventory, track);
        eval(dp, track, LoopTrack.Rule.DP_ABNORMAL, s, deviation, t, listener, v -> String.format(Locale.ROOT,
                "%s differential pressure %.0f kPa is %.0f %% off what its flow of %.0f L/min should give",
                where, s.diffPressureKpa(), v, s.flowLpm()));

        long failed = s.pumps().stream().filter(p -> "Critical".equalsIgnoreCase(p.health())).count();
        double pumpValue = s.pumps().isEmpty() ? Double.NaN : failed;
        eval(pump, track, LoopTrack.Rule.PUMP_FAILED, s, pumpValue, t, listener, v -> v >= 1
                ? where + ": " + (long) (double) v + " pump(s) failed (" + failedIds(s) + ")"
                : where + ": pumps healthy");

        long leaking = s.leakDetectors().stream().filter(LeakDetectorReading::leaking).count();
        double leakValue = s.leakDetectors().isEmpty() ? Double.NaN : leaking;
        eval(leak, track, LoopTrack.Rule.LEAK, s, leakValue, t, listener, v -> v >= 1
                ? "LEAK: " + (long) (double) v + " leak detector(s) of " + where + " report liquid"
                : where + ": no leak detector reports liquid");

        double level = s.coolantLevelPct() == null ? Double.NaN : s.coolantLevelPct();
        eval(reservoir, track, LoopTrack.Rule.RESERVOIR_LOW, s, level, t, listener, v -> String.format(Locale.ROOT,
                "%s reservoir at %.0f %%", where, v));

        double healthLevel = healthLevel(s.health());
        eval(health, track, LoopTrack.Rule.CDU_HEALTH, s, healthLevel, t, listener, v -> where + ": the CDU reports "
                + (s.health() == null ? "no health" : s.health()));
    }

    /**
     * How far the loop's hydraulic resistance (dp ÷ flow²) is from its reference, percent: the
     * inventory's design point, or a baseline learned while the loop is healthy. A pump failure
     * lowers flow and dp together and leaves the resistance alone (the flow rule speaks); a
     * blockage raises it, a loss of liquid lowers it. NaN while unknown or still learning.
     */
    double pressureDeviationPct(CoolantSample s, RackInventory inventory, LoopTrack track) {
        if (s.diffPressureKpa() == null || s.flowLpm() == null || s.flowLpm() < 1.0 || s.diffPressureKpa() <= 0) {
            return Double.NaN;
        }
        double resistance = s.diffPressureKpa() / (s.flowLpm() * s.flowLpm());
        if (inventory != null && inventory.designDiffPressureKpa() != null && inventory.designFlowLpm() != null
                && inventory.designFlowLpm() > 0) {
            double reference = inventory.designDiffPressureKpa() / (inventory.designFlowLpm() * inventory.designFlowLpm());
            return Math.abs(resistance / reference - 1.0) * 100.0;
        }
        boolean warm = track.resistanceSamples >= RESISTANCE_WARM_UP;
        double deviationPct = warm ? Math.abs(resistance / track.resistanceRef - 1.0) * 100.0 : 0;
        // an abnormal loop must not become the new normal: learn only from normal-looking samples
        Double normalBelow = dp.thresholds().warningClear() != null ? dp.thresholds().warningClear()
                : dp.thresholds().criticalClear();
        if (!warm || deviationPct < normalBelow) {
            track.resistanceRef = Double.isNaN(track.resistanceRef) ? resistance
                    : track.resistanceRef + RESISTANCE_ALPHA * (resistance - track.resistanceRef);
            track.resistanceSamples++;
        }
        return warm ? deviationPct : Double.NaN;
    }

    static double healthLevel(String health) {
        if (health == null) {
            return Double.NaN;
        }
        return switch (health.toLowerCase(Locale.ROOT)) {
            case "critical" -> 2;
            case "warning" -> 1;
            default -> 0;
        };
    }

    private static String failedIds(CoolantSample s) {
        return String.join(", ", s.pumps().stream().filter(p -> "Critical".equalsIgnoreCase(p.health()))
                .map(PumpReading::id).toList());
    }

    private static void eval(RuleSpec rule, LoopTrack track, LoopTrack.Rule which, CoolantSample s, double value, long t,
                             AlertListener listener, java.util.function.DoubleFunction<String> summary) {
        RuleEvaluator.evaluate(rule, track.state(which),
                () -> AlertSubject.loop(s.site(), s.hall(), s.row(), s.rack(), s.loop()), value, t, summary, listener);
    }
}
