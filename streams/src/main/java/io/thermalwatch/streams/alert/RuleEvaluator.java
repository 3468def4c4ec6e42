package io.thermalwatch.streams.alert;

import java.util.function.DoubleFunction;
import java.util.function.Supplier;

/**
 * Applies one rule's thresholds and lifecycle to a value and reports a state change, if any.
 * A rule whose value is unknown at an evaluation (no reading, warming up) is not evaluated at all:
 * "unknown" never clears or fires an alert.
 */
public final class RuleEvaluator {

    private RuleEvaluator() {
    }

    /**
     * @param state   the subject's state for this rule (never null)
     * @param value   the rule's value now; NaN = unknown: nothing changes
     * @param subject what the alert is about, made only on a change
     * @param summary makes the summary from the value, called only on a change
     * @return the change, or null
     */
    public static Transition evaluate(RuleSpec rule, AlertState state, Supplier<AlertSubject> subject, double value,
                                      long nowMs,
                                      DoubleFunction<String> summary, AlertListener listener) {
        if (!rule.enabled() || Double.isNaN(value)) {
            return null;
        }
        Severity level = rule.thresholds().level(value, state.firing());
        Transition t = state.evaluate(level, nowMs, rule.lifecycle());
        if (t != null) {
            listener.changed(rule, subject.get(), t, value, summary.apply(value));
        }
        return t;
    }
}
