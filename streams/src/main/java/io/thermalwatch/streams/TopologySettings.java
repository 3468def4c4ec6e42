package io.thermalwatch.streams;

import io.thermalwatch.streams.alert.RuleBook;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What the topology needs to know, apart from Kafka connection settings.
 *
 * @param windowSize    rack window length; tumbling windows aligned to the epoch, per rack
 * @param grace         how long after a window's end a rack's late samples are still added to it;
 *                      the window closes (its aggregate is emitted, rack rules run) once the rack's
 *                      event time passes end + grace
 * @param maxFutureSkew how far an event time may be ahead of the record's arrival at Kafka (its
 *                      log-append timestamp) before the sample is rejected as
 *                      {@code future-timestamp}; a sample less far ahead is windowed at its arrival.
 *                      It has no bearing on other senders' samples, so no relation to {@code grace}
 *                      is required
 * @param rules         the alert rules, defaults with the operator's overrides
 * @param clock         the processing clock: "now" for staleness, alert times and rate-limited WARN lines
 */
public record TopologySettings(Duration windowSize, Duration grace, Duration maxFutureSkew,
                               RuleBook rules, Clock clock) {

    public TopologySettings {
        if (windowSize.isNegative() || windowSize.isZero()) {
            throw new IllegalArgumentException("windowSize must be positive");
        }
        if (grace.isNegative() || maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("grace and maxFutureSkew must not be negative");
        }
        if (Duration.ofMinutes(1).toMillis() % windowSize.toMillis() != 0) {
            throw new IllegalArgumentException("windowSize (" + windowSize.toMillis()
                    + " ms) must divide one minute, the row and hall rollup");
        }
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(clock, "clock");
    }
}
