package io.thermalwatch.streams.rackstate;

import io.thermalwatch.model.RackInventory;
import io.thermalwatch.streams.alert.AlertListener;
import io.thermalwatch.streams.alert.AlertSubject;
import io.thermalwatch.streams.alert.GpuTrack;
import io.thermalwatch.streams.alert.PeerOutlier;
import io.thermalwatch.streams.alert.RackRules;
import io.thermalwatch.streams.alert.RuleBook;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Closes a rack's due windows: emits each result and runs the rack rules and the peer comparison on it. */
final class WindowCloser {

    private final long windowMs;
    private final RackRules rackRules;
    private final PeerOutlier peers;

    WindowCloser(long windowMs, RackRules rackRules, RuleBook rules) {
        this.windowMs = windowMs;
        this.rackRules = rackRules;
        this.peers = new PeerOutlier(rules);
    }

    /**
     * Closes, oldest first, every open window that ends at or before {@code endsBy}.
     *
     * @return whether any closed
     */
    boolean closeDue(RackState s, String rack, long endsBy, RackInventory inventory,
                     ProcessorContext<String, RackOutput> context, AlertListener alerts) {
        boolean closed = false;
        while (!s.windows.isEmpty() && s.windows.firstKey() + windowMs <= endsBy) {
            RackWindow w = s.windows.pollFirstEntry().getValue();
            long endMs = w.startMs + windowMs;
            s.closedUntilMs = Math.max(s.closedUntilMs, endMs);
            closed = true;
            if (w.samples == 0 || s.site == null) {
                continue; // coolant only, nothing from the rack's nodes: no aggregate to speak of
            }
            WindowResult result = WindowResult.of(s, rack, w, windowMs, inventory);
            context.forward(new Record<>(rack, new RackOutput.Window(result), endMs));
            AlertSubject subject = AlertSubject.rack(s.site, s.hall, s.row, rack);
            rackRules.evaluate(subject, new RackRules.WindowFacts(endMs, result.totalPowerW() / 1000.0,
                    result.heatRemovedKw(), result.gpusReporting()), inventory, s.rules, alerts);
            peers.evaluate(reporting(s, rack, w), endMs, alerts);
        }
        return closed;
    }

    /** The GPUs that reported in the window, with their tracks. */
    private static List<PeerOutlier.Peer> reporting(RackState s, String rack, RackWindow w) {
        List<PeerOutlier.Peer> list = new ArrayList<>(72);
        for (Map.Entry<String, NodeShare> e : w.nodes.entrySet()) {
            NodeTrack node = s.nodes.get(e.getKey());
            long mask = e.getValue().gpuMask;
            while (mask != 0 && node != null) {
                int index = Long.numberOfTrailingZeros(mask);
                mask &= mask - 1;
                GpuTrack track = index < node.gpus.length ? node.gpus[index] : null;
                if (track != null) {
                    list.add(new PeerOutlier.Peer(AlertSubject.gpu(s.site, s.hall, s.row, rack, e.getKey(), index), track));
                }
            }
        }
        return list;
    }
}
