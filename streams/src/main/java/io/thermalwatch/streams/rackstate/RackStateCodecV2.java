package io.thermalwatch.streams.rackstate;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Reads the rack state's changelog form of versions 1 and 2 (fixed-width fields, node names written
 * in full wherever they occur), which changelogs written before version 3 hold; {@link RackStateCodec}
 * writes version 3 and hands older records here.
 */
final class RackStateCodecV2 {

    private RackStateCodecV2() {
    }

    /** Decodes the rest of a version 1 or 2 record, its version byte already read. */
    static RackState decode(DataInputStream in, int version) {
        try {
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
        return RackStateCodec.emptyToNull(s);
    }
}
