package io.thermalwatch.demo.faults;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The streams app's clock in the simulator ITs: the simulated fleet's "now", the event time of the
 * tick the feed sends. Played faster than real time, a fleet's silences are simulated seconds, so
 * the deadman (telemetry-stale) must judge them on this clock, not the wall clock; and since the
 * feed never runs far ahead of what the app has processed ({@link PacedFeed}), a machine that stalls
 * the app stalls this clock too, instead of making every node look silent.
 */
final class SimClock extends Clock {

    private final AtomicLong nowMs;

    SimClock(long startMs) {
        this.nowMs = new AtomicLong(startMs);
    }

    void set(long ms) {
        nowMs.accumulateAndGet(ms, Math::max);
    }

    @Override
    public long millis() {
        return nowMs.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
