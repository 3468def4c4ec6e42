package io.thermalwatch.streams.rackstate;

import io.thermalwatch.streams.alert.GpuTrack;
import io.thermalwatch.streams.state.ByteSink;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** The version 2 writer as it shipped, kept to check that {@link RackStateCodec} still reads what it wrote. */
final class RackStateCodecV2Writer {

    /** 2: a GPU track also carries its unchanged-reading spell (gpu-sensor-stuck); 1 is still read. */
    private static final int VERSION = 2;

    byte[] encode(RackState s) {
        ByteSink bytes = new ByteSink(256 + 160 * s.nodes.size()); // unsynchronized: see ByteSink
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(s.site == null ? "" : s.site);
            out.writeUTF(s.hall == null ? "" : s.hall);
            out.writeUTF(s.row == null ? "" : s.row);
            out.writeLong(s.eventTimeMs);
            out.writeLong(s.closedUntilMs);
            out.writeLong(s.lastArrivalMs);
            out.writeInt(s.windows.size());
            for (RackWindow w : s.windows.values()) {
                writeWindow(out, w);
            }
            out.writeInt(s.nodes.size());
            for (Map.Entry<String, NodeTrack> e : s.nodes.entrySet()) {
                out.writeUTF(e.getKey());
                writeNode(out, e.getValue());
            }
            out.writeInt(s.loops.size());
            for (Map.Entry<String, LoopEntry> e : s.loops.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue().lastSeenMs);
                e.getValue().stale.writeTo(out);
                e.getValue().track.writeTo(out);
            }
            s.rules.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeWindow(DataOutput out, RackWindow w) throws IOException {
        out.writeLong(w.startMs);
        out.writeLong(w.samples);
        out.writeDouble(w.tempSumC);
        out.writeLong(w.tempReadings);
        out.writeDouble(w.maxTempC);
        out.writeDouble(w.maxHbmC);
        out.writeDouble(w.minMarginC);
        out.writeUTF(w.minMarginNode == null ? "" : w.minMarginNode);
        out.writeInt(w.minMarginGpu);
        out.writeInt(w.nodes.size());
        for (Map.Entry<String, NodeShare> e : w.nodes.entrySet()) {
            NodeShare n = e.getValue();
            out.writeUTF(e.getKey());
            out.writeInt(n.samples);
            out.writeLong(n.powerSumMw);
            out.writeLong(n.gpuMask);
            out.writeLong(n.thermalMask);
            out.writeLong(n.powerCapMask);
            out.writeLong(n.powerBrakeMask);
        }
        out.writeInt(w.loops.size());
        for (Map.Entry<String, LoopShare> e : w.loops.entrySet()) {
            LoopShare l = e.getValue();
            out.writeUTF(e.getKey());
            out.writeInt(l.samples);
            out.writeDouble(l.supplySumC);
            out.writeInt(l.supplyN);
            out.writeDouble(l.returnSumC);
            out.writeInt(l.returnN);
            out.writeDouble(l.flowSumLpm);
            out.writeInt(l.flowN);
            out.writeDouble(l.heatSumKw);
            out.writeInt(l.heatN);
        }
    }

    /** A node's last report, staleness alert, and the GPUs whose rules are firing or pending. */
    private static void writeNode(DataOutput out, NodeTrack n) throws IOException {
        out.writeLong(n.lastSeenMs);
        n.stale.writeTo(out);
        int active = 0;
        for (GpuTrack g : n.gpus) {
            if (g != null && !g.quiet()) {
                active++;
            }
        }
        out.writeByte(active);
        for (int i = 0; i < n.gpus.length; i++) {
            GpuTrack g = n.gpus[i];
            if (g != null && !g.quiet()) {
                out.writeByte(i);
                g.writeTo(out);
            }
        }
    }
}
