package io.thermalwatch.streams.alert;

import java.util.Locale;

/**
 * The telemetry-stale rule: a deadman on the wall clock, run by a punctuation whether or not any
 * data arrives, so a node or coolant loop that falls silent (or a collector that dies) is noticed
 * even when nothing at all reaches the streams app. The value is seconds since the subject last
 * reported, by the streams app's clock at arrival.
 */
public final class Staleness {

    private final RuleSpec rule;

    public Staleness(RuleBook book) {
        this.rule = book.rule("telemetry-stale");
    }

    /** Judges one node or loop last heard of at {@code lastSeenMs} (wall clock); returns the change, if any. */
    public Transition evaluate(AlertSubject subject, long lastSeenMs, long nowMs, AlertState state, AlertListener listener) {
        double silentS = Math.max(0, nowMs - lastSeenMs) / 1000.0;
        return RuleEvaluator.evaluate(rule, state, () -> subject, silentS, nowMs,
                v -> v < 1 ? subject.describe() + " reports again"
                        : String.format(Locale.ROOT, "%s has not reported for %.0f s", subject.describe(), v), listener);
    }
}
