package io.thermalwatch.streams.rackstate;

import io.thermalwatch.streams.alert.GpuTrack;
import io.thermalwatch.streams.state.ByteSink;
import io.thermalwatch.streams.state.HeapStore;
import io.thermalwatch.streams.state.Varints;
import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Binary form of a {@link RackState} for its changelog: the open windows, event-time progress and
 * every alert state that is firing, pending or remembered. What a few samples rebuild (a GPU's
 * smoothed rise, its latest temperature and power) is left out: after a restart the forecast and
 * peer rules wait for fresh samples rather than judge on stale ones.
 *
 * <p>Every changed rack is encoded once per commit (10 times a second at the default interval), so
 * at 4,000 racks the changelog carried ~125 MB/s in version 2 and the commit's flush waited on it.
 * Version 3 names each node once (windows refer to it by index), writes counts, masks and times
 * (as differences from the rack's event time) as varints, and an alert state as a flag byte and its
 * set times only: about a fifth of the bytes. Versions 1 and 2 are still read ({@link RackStateCodecV2}).
 */
public final class RackStateCodec implements HeapStore.Codec<RackState> {

    private static final int VERSION = 3;

    @Override
    public byte[] encode(RackState s) {
        ByteSink bytes = new ByteSink(128 + 64 * s.nodes.size()); // unsynchronized: see ByteSink
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(s.site == null ? "" : s.site);
            out.writeUTF(s.hall == null ? "" : s.hall);
            out.writeUTF(s.row == null ? "" : s.row);
            long base = s.eventTimeMs;
            out.writeLong(base);
            Varints.writeSigned(out, base - s.closedUntilMs);
            Varints.writeSigned(out, s.lastArrivalMs - base);
            // the node dictionary: the tracked nodes in order, then any only a window knows
            Map<String, Integer> index = new HashMap<>();
            List<String> names = new ArrayList<>(s.nodes.keySet());
            names.forEach(n -> index.put(n, index.size()));
            for (RackWindow w : s.windows.values()) {
                for (String n : w.nodes.keySet()) {
                    if (index.putIfAbsent(n, index.size()) == null) {
                        names.add(n);
                    }
                }
                if (w.minMarginNode != null && index.putIfAbsent(w.minMarginNode, index.size()) == null) {
                    names.add(w.minMarginNode);
                }
            }
            Varints.writeUnsigned(out, names.size());
            for (String n : names) {
                out.writeUTF(n);
            }
            Varints.writeUnsigned(out, s.nodes.size());
            for (NodeTrack n : s.nodes.values()) {
                writeNode(out, n, base);
            }
            Varints.writeUnsigned(out, s.windows.size());
            for (RackWindow w : s.windows.values()) {
                RackWindowCodec.write(out, w, base, index);
            }
            Varints.writeUnsigned(out, s.loops.size());
            for (Map.Entry<String, LoopEntry> e : s.loops.entrySet()) {
                out.writeUTF(e.getKey());
                Varints.writeSigned(out, base - e.getValue().lastSeenMs);
                e.getValue().stale.writeCompact(out, base);
                e.getValue().track.writeCompact(out, base);
            }
            s.rules.writeCompact(out, base);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public RackState decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readUnsignedByte();
            if (version == 1 || version == 2) {
                return RackStateCodecV2.decode(in, version);
            }
            if (version != VERSION) {
                throw new IllegalStateException("rack state version " + version + " is not " + VERSION
                        + ": reset the application (kafka-streams-application-reset) after a downgrade");
            }
            RackState s = new RackState();
            s.site = emptyToNull(in.readUTF());
            s.hall = emptyToNull(in.readUTF());
            s.row = emptyToNull(in.readUTF());
            long base = in.readLong();
            s.eventTimeMs = base;
            s.closedUntilMs = base - Varints.readSigned(in);
            s.lastArrivalMs = base + Varints.readSigned(in);
            String[] names = new String[(int) Varints.readUnsigned(in)];
            for (int i = 0; i < names.length; i++) {
                names[i] = in.readUTF();
            }
            int tracked = (int) Varints.readUnsigned(in);
            for (int i = 0; i < tracked; i++) {
                s.nodes.put(names[i], readNode(in, base));
            }
            for (long i = Varints.readUnsigned(in); i > 0; i--) {
                RackWindow w = RackWindowCodec.read(in, base, names);
                s.windows.put(w.startMs, w);
            }
            for (long i = Varints.readUnsigned(in); i > 0; i--) {
                LoopEntry loop = s.loop(in.readUTF());
                loop.lastSeenMs = base - Varints.readSigned(in);
                loop.stale.readCompact(in, base);
                loop.track.readCompact(in, base);
            }
            s.rules.readCompact(in, base);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A node's last report, staleness alert, and the GPUs whose rules are firing, pending or remembered. */
    private static void writeNode(DataOutput out, NodeTrack n, long base) throws IOException {
        Varints.writeSigned(out, base - n.lastSeenMs);
        n.stale.writeCompact(out, base);
        int active = 0;
        for (GpuTrack g : n.gpus) {
            if (g != null && !g.quiet()) {
                active++;
            }
        }
        Varints.writeUnsigned(out, active);
        for (int i = 0; i < n.gpus.length; i++) {
            GpuTrack g = n.gpus[i];
            if (g != null && !g.quiet()) {
                Varints.writeUnsigned(out, i);
                g.writeCompact(out, base);
            }
        }
    }

    private static NodeTrack readNode(DataInput in, long base) throws IOException {
        NodeTrack n = new NodeTrack();
        n.lastSeenMs = base - Varints.readSigned(in);
        n.stale.readCompact(in, base);
        for (long i = Varints.readUnsigned(in); i > 0; i--) {
            n.gpu((int) Varints.readUnsigned(in)).readCompact(in, base);
        }
        return n;
    }

    static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
