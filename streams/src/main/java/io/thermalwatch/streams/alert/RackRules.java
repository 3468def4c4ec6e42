package io.thermalwatch.streams.alert;

import io.thermalwatch.model.RackInventory;
import java.util.Locale;

/**
 * The rack rules, run when a rack's window closes: power against the inventory's budget, the heat
 * balance (heat the coolant removed ÷ electrical power, against the share liquid cooling should
 * capture), and coverage (GPUs reporting against the inventory). Without an inventory entry only the
 * heat balance is judged.
 */
public final class RackRules {

    /**
     * What a closed window says about a rack.
     *
     * @param powerKw        the rack's mean electrical power over the window, kW
     * @param heatRemovedKw  heat its coolant removed, kW, or NaN without coolant data
     * @param gpusReporting  distinct GPUs that reported in the window
     */
    public record WindowFacts(long windowEndMs, double powerKw, double heatRemovedKw, int gpusReporting) {
    }

    private final RuleSpec budget;
    private final RuleSpec balance;
    private final RuleSpec coverage;
    private final double expectedCapturePct;
    private final double minPowerKw;

    public RackRules(RuleBook book) {
        budget = book.rule(RackTrack.Rule.POWER_BUDGET.id());
        balance = book.rule(RackTrack.Rule.HEAT_BALANCE.id());
        coverage = book.rule(RackTrack.Rule.COVERAGE_LOW.id());
        expectedCapturePct = balance.param("expectedCapturePct");
        minPowerKw = balance.param("minPowerKw");
    }

    public void evaluate(AlertSubject rack, WindowFacts w, RackInventory inventory, RackTrack track, AlertListener listener) {
        long t = w.windowEndMs();
        Double budgetKw = inventory == null ? null : inventory.powerBudgetKw();
        double budgetPct = budgetKw == null || budgetKw <= 0 ? Double.NaN : w.powerKw() / budgetKw * 100.0;
        RuleEvaluator.evaluate(budget, track.state(RackTrack.Rule.POWER_BUDGET), () -> rack, budgetPct, t,
                v -> String.format(Locale.ROOT, "rack %s draws %.1f kW, %.0f %% of its %.0f kW budget", rack.rack(),
                        w.powerKw(), v, budgetKw), listener);

        double capturePct = w.powerKw() >= minPowerKw && !Double.isNaN(w.heatRemovedKw())
                ? w.heatRemovedKw() / w.powerKw() * 100.0 : Double.NaN;
        double mismatch = Double.isNaN(capturePct) ? Double.NaN : Math.abs(capturePct - expectedCapturePct);
        RuleEvaluator.evaluate(balance, track.state(RackTrack.Rule.HEAT_BALANCE), () -> rack, mismatch, t,
                v -> String.format(Locale.ROOT, "rack %s: its coolant removes %.1f kW of %.1f kW drawn (%.0f %%, "
                        + "expected ~%.0f %%)", rack.rack(), w.heatRemovedKw(), w.powerKw(), capturePct,
                        expectedCapturePct), listener);

        double coveragePct = inventory == null ? Double.NaN : 100.0 * w.gpusReporting() / inventory.expectedGpus();
        RuleEvaluator.evaluate(coverage, track.state(RackTrack.Rule.COVERAGE_LOW), () -> rack, coveragePct, t,
                v -> String.format(Locale.ROOT, "rack %s: %d of %d GPUs reporting (%.0f %%)", rack.rack(),
                        w.gpusReporting(), inventory.expectedGpus(), v), listener);
    }
}
