package io.thermalwatch.streams.rackstate;

import io.thermalwatch.streams.alert.GpuTrack;
import io.thermalwatch.streams.state.ByteSink;
import io.thermalwatch.streams.state.HeapStore;
import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Binary form of a {@link RackState} for its changelog: the open windows, event-time progress and
 * every alert state that is firing or pending. What a few samples rebuild (a GPU's smoothed rise,
 * its latest temperature and power) is left out: after a restart the forecast and peer rules wait
 * for fresh samples rather than judge on stale ones.
 */
public final class RackStateCodec implements HeapStore.Codec<RackState> {

    /** 2: a GPU track also carries its unchanged-reading spell (gpu-sensor-stuck); 1 is still read. */
    private static final int VERSION = 2;

    @Override
    public byte[] encode(RackState s) {
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

    @Override
    public RackState decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readUnsignedByte();
            if (version != VERSION && version != 1) {
                throw new IllegalStateException("rack state version " + version + " is not " + VERSION
                        + ": reset the application (kafka-streams-application-reset) after a downgrade");
            }
            RackState s = new RackState();
            s.site = emptyToNull(in.readUTF());
            s.hall = emptyToNull(in.readUTF());
            s.row = emptyToNull(in.readUTF());
            s.eventTimeMs = in.readLong();
            s.closedUntilMs = in.readLong();
            s.lastArrivalMs = in.readLong();
            for (int i = in.readInt(); i > 0; i--) {
                RackWindow w = readWindow(in);
                s.windows.put(w.startMs, w);
            }
            for (int i = in.readInt(); i > 0; i--) {
                s.nodes.put(in.readUTF(), readNode(in, version >= 2));
            }
            for (int i = in.readInt(); i > 0; i--) {
                LoopEntry loop = s.loop(in.readUTF());
                loop.lastSeenMs = in.readLong();
                loop.stale.readFrom(in);
                loop.track.readFrom(in);
            }
            s.rules.readFrom(in);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    private static RackWindow readWindow(DataInput in) throws IOException {
        RackWindow w = new RackWindow(in.readLong());
        w.samples = in.readLong();
        w.tempSumC = in.readDouble();
        w.tempReadings = in.readLong();
        w.maxTempC = in.readDouble();
        w.maxHbmC = in.readDouble();
        w.minMarginC = in.readDouble();
        w.minMarginNode = emptyToNull(in.readUTF());
        w.minMarginGpu = in.readInt();
        for (int i = in.readInt(); i > 0; i--) {
            NodeShare n = new NodeShare();
            String node = in.readUTF();
            n.samples = in.readInt();
            n.powerSumMw = in.readLong();
            n.gpuMask = in.readLong();
            n.thermalMask = in.readLong();
            n.powerCapMask = in.readLong();
            n.powerBrakeMask = in.readLong();
            w.nodes.put(node, n);
        }
        for (int i = in.readInt(); i > 0; i--) {
            LoopShare l = new LoopShare();
            String loop = in.readUTF();
            l.samples = in.readInt();
            l.supplySumC = in.readDouble();
            l.supplyN = in.readInt();
            l.returnSumC = in.readDouble();
            l.returnN = in.readInt();
            l.flowSumLpm = in.readDouble();
            l.flowN = in.readInt();
            l.heatSumKw = in.readDouble();
            l.heatN = in.readInt();
            w.loops.put(loop, l);
        }
        return w;
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

    private static NodeTrack readNode(DataInput in, boolean withSpell) throws IOException {
        NodeTrack n = new NodeTrack();
        n.lastSeenMs = in.readLong();
        n.stale.readFrom(in);
        for (int i = in.readUnsignedByte(); i > 0; i--) {
            n.gpu(in.readUnsignedByte()).readFrom(in, withSpell);
        }
        return n;
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
