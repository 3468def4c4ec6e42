package io.thermalwatch.streams.alert;

/** Receives each alert state change the rules produce. */
@FunctionalInterface
public interface AlertListener {

    /**
     * @param rule       the rule that changed state
     * @param subject    what it is about
     * @param transition the change
     * @param value      the rule's value at the change, in its unit (NaN when not applicable)
     * @param summary    one line for a human, e.g. "GPU 2 of r01-k03-n07 reaches slowdown in ~40 s"
     */
    void changed(RuleSpec rule, AlertSubject subject, Transition transition, double value, String summary);
}
