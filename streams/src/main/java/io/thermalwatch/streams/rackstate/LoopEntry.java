package io.thermalwatch.streams.rackstate;

import io.thermalwatch.streams.alert.AlertState;
import io.thermalwatch.streams.alert.LoopTrack;

/** What a rack's state remembers about one coolant loop: when it last reported, its staleness alert, its rules. */
final class LoopEntry {
    long lastSeenMs;
    final AlertState stale = new AlertState();
    final LoopTrack track = new LoopTrack();
}
