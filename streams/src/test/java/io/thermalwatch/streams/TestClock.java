package io.thermalwatch.streams;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A wall clock a test moves by hand (together with the TopologyTestDriver's wall clock). */
public final class TestClock extends Clock {

    /** Now, epoch ms. */
    public long nowMs;

    public TestClock(long nowMs) {
        this.nowMs = nowMs;
    }

    @Override
    public long millis() {
        return nowMs;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(nowMs);
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
