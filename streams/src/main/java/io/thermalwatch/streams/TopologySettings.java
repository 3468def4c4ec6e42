package io.thermalwatch.streams;

import java.time.Clock;
import java.time.Duration;

/**
 * What the topology needs to know, apart from Kafka connection settings.
 *
 * @param windowSize    rack window length; tumbling event-time windows aligned to the epoch
 * @param grace         how long after a window's end late samples are still added to it; the
 *                      window's result is emitted once stream time passes end + grace
 * @param maxFutureSkew how far an event time may be ahead of the record's arrival at Kafka (its
 *                      log-append timestamp) before the sample is rejected as
 *                      {@code future-timestamp}; a sample less far ahead is windowed at its arrival.
 *                      It has no bearing on other nodes' samples, so no relation to {@code grace}
 *                      is required
 * @param retention     how long closed windows stay in the store: a rack whose samples stop for
 *                      longer than {@code retention - windowSize - grace} and then resume loses the
 *                      result of its last window before the gap
 * @param clock         the processing clock: paces the app's rate-limited WARN lines
 */
public record TopologySettings(Duration windowSize, Duration grace, Duration maxFutureSkew, Duration retention,
                               Clock clock) {

    public TopologySettings {
        if (windowSize.isNegative() || windowSize.isZero()) {
            throw new IllegalArgumentException("windowSize must be positive");
        }
        if (grace.isNegative() || maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("grace and maxFutureSkew must not be negative");
        }
        if (retention.compareTo(windowSize.plus(grace)) < 0) {
            throw new IllegalArgumentException("retention must be at least windowSize + grace");
        }
    }
}
