package io.thermalwatch.streams.rackstate;

import io.thermalwatch.streams.state.Varints;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;

/**
 * A rack window's accumulators in the version 3 changelog form ({@link RackStateCodec}): nodes by
 * their index in the rack's node dictionary, counts and masks as varints, times relative to the
 * rack's event time; sums stay doubles so a restored window sums exactly as before.
 */
final class RackWindowCodec {

    private RackWindowCodec() {
    }

    static void write(DataOutput out, RackWindow w, long base, Map<String, Integer> index) throws IOException {
        Varints.writeSigned(out, base - w.startMs);
        Varints.writeUnsigned(out, w.samples);
        out.writeDouble(w.tempSumC);
        Varints.writeUnsigned(out, w.tempReadings);
        out.writeDouble(w.maxTempC);
        out.writeDouble(w.maxHbmC);
        out.writeDouble(w.minMarginC);
        Varints.writeUnsigned(out, w.minMarginNode == null ? 0 : 1 + indexOf(index, w.minMarginNode));
        Varints.writeSigned(out, w.minMarginGpu);
        Varints.writeUnsigned(out, w.nodes.size());
        for (Map.Entry<String, NodeShare> e : w.nodes.entrySet()) {
            NodeShare n = e.getValue();
            Varints.writeUnsigned(out, indexOf(index, e.getKey()));
            Varints.writeUnsigned(out, n.samples);
            Varints.writeSigned(out, n.powerSumMw);
            Varints.writeUnsigned(out, n.gpuMask);
            Varints.writeUnsigned(out, n.thermalMask);
            Varints.writeUnsigned(out, n.powerCapMask);
            Varints.writeUnsigned(out, n.powerBrakeMask);
        }
        Varints.writeUnsigned(out, w.loops.size());
        for (Map.Entry<String, LoopShare> e : w.loops.entrySet()) {
            LoopShare l = e.getValue();
            out.writeUTF(e.getKey());
            Varints.writeUnsigned(out, l.samples);
            out.writeDouble(l.supplySumC);
            Varints.writeUnsigned(out, l.supplyN);
            out.writeDouble(l.returnSumC);
            Varints.writeUnsigned(out, l.returnN);
            out.writeDouble(l.flowSumLpm);
            Varints.writeUnsigned(out, l.flowN);
            out.writeDouble(l.heatSumKw);
            Varints.writeUnsigned(out, l.heatN);
        }
    }

    static RackWindow read(DataInput in, long base, String[] names) throws IOException {
        RackWindow w = new RackWindow(base - Varints.readSigned(in));
        w.samples = Varints.readUnsigned(in);
        w.tempSumC = in.readDouble();
        w.tempReadings = Varints.readUnsigned(in);
        w.maxTempC = in.readDouble();
        w.maxHbmC = in.readDouble();
        w.minMarginC = in.readDouble();
        int minNode = (int) Varints.readUnsigned(in);
        w.minMarginNode = minNode == 0 ? null : names[minNode - 1];
        w.minMarginGpu = (int) Varints.readSigned(in);
        for (long i = Varints.readUnsigned(in); i > 0; i--) {
            NodeShare n = new NodeShare();
            String node = names[(int) Varints.readUnsigned(in)];
            n.samples = (int) Varints.readUnsigned(in);
            n.powerSumMw = Varints.readSigned(in);
            n.gpuMask = Varints.readUnsigned(in);
            n.thermalMask = Varints.readUnsigned(in);
            n.powerCapMask = Varints.readUnsigned(in);
            n.powerBrakeMask = Varints.readUnsigned(in);
            w.nodes.put(node, n);
        }
        for (long i = Varints.readUnsigned(in); i > 0; i--) {
            LoopShare l = new LoopShare();
            String loop = in.readUTF();
            l.samples = (int) Varints.readUnsigned(in);
            l.supplySumC = in.readDouble();
            l.supplyN = (int) Varints.readUnsigned(in);
            l.returnSumC = in.readDouble();
            l.returnN = (int) Varints.readUnsigned(in);
            l.flowSumLpm = in.readDouble();
            l.flowN = (int) Varints.readUnsigned(in);
            l.heatSumKw = in.readDouble();
            l.heatN = (int) Varints.readUnsigned(in);
            w.loops.put(loop, l);
        }
        return w;
    }

    private static int indexOf(Map<String, Integer> index, String node) {
        Integer i = index.get(node);
        if (i == null) {
            throw new IllegalStateException("node " + node + " is not in the rack's node dictionary");
        }
        return i;
    }
}
