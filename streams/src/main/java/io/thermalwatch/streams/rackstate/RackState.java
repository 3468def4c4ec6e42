package io.thermalwatch.streams.rackstate;

import io.thermalwatch.streams.alert.RackTrack;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the streams app keeps about one rack, on the heap: its open windows, its event-time
 * progress, and what the alert rules remember about its nodes, GPUs and coolant loops. One object
 * per rack, changed in place on every sample and written to the changelog once per commit
 * ({@code HeapStore}).
 *
 * <p>Event time is the rack's own: the latest (clamped) event time of any of its samples. A window
 * closes when the rack's event time passes its end plus the grace period, or, for a rack that went
 * quiet while the other racks of its task carry on, on their progress. Event time is never ahead of
 * arrival at Kafka, so no node's clock can close another's window early.
 */
public final class RackState {

    String site;
    String hall;
    String row;
    /** Open windows by start, epoch ms. */
    final TreeMap<Long, RackWindow> windows = new TreeMap<>();
    /** Latest event time seen for the rack, epoch ms. */
    long eventTimeMs = Long.MIN_VALUE;
    /** The end of the last window emitted: samples before it are late. */
    long closedUntilMs = Long.MIN_VALUE;
    /** Wall-clock time of the last sample that arrived, epoch ms. */
    long lastArrivalMs;
    final Map<String, NodeTrack> nodes = new HashMap<>();
    final Map<String, LoopEntry> loops = new HashMap<>(2);
    final RackTrack rules = new RackTrack();

    RackWindow window(long startMs) {
        return windows.computeIfAbsent(startMs, RackWindow::new);
    }

    NodeTrack node(String node) {
        return nodes.computeIfAbsent(node, n -> new NodeTrack());
    }

    LoopEntry loop(String loop) {
        return loops.computeIfAbsent(loop, l -> new LoopEntry());
    }
}
