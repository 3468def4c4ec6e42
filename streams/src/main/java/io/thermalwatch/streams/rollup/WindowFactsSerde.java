package io.thermalwatch.streams.rollup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Binary form of {@link WindowFacts} for the rollup repartition topic and store: internal to the app,
 * so not JSON. A version byte leads; an absent double is written NaN (no figure on the wire is NaN),
 * an absent count -1 (counts are never negative), an absent text as a false flag.
 */
final class WindowFactsSerde {

    private static final byte VERSION = 1;

    private WindowFactsSerde() {
    }

    static Serde<WindowFacts> serde() {
        Serializer<WindowFacts> ser = (topic, w) -> w == null ? null : encode(w);
        Deserializer<WindowFacts> de = (topic, bytes) -> bytes == null ? null : decode(bytes);
        return Serdes.serdeFrom(ser, de);
    }

    static byte[] encode(WindowFacts w) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(160);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(w.site());
            out.writeUTF(w.hall());
            out.writeUTF(w.row());
            out.writeUTF(w.rack());
            out.writeLong(w.startMs());
            out.writeLong(w.endMs());
            out.writeDouble(w.totalPowerW());
            out.writeDouble(orNaN(w.heatRemovedKw()));
            out.writeInt(w.nodes());
            out.writeInt(w.gpus());
            out.writeInt(w.thermal());
            out.writeInt(orMinus1(w.capped()));
            out.writeInt(orMinus1(w.braked()));
            out.writeDouble(w.maxGpuTempC());
            out.writeDouble(orNaN(w.maxHbmTempC()));
            out.writeDouble(orNaN(w.marginC()));
            out.writeBoolean(w.marginNode() != null);
            if (w.marginNode() != null) {
                out.writeUTF(w.marginNode());
            }
            out.writeInt(w.marginGpu());
            out.writeInt(orMinus1(w.expectedNodes()));
            out.writeInt(orMinus1(w.expectedGpus()));
            out.writeDouble(orNaN(w.powerBudgetKw()));
            out.writeDouble(orNaN(w.supplyTempC()));
            out.writeDouble(orNaN(w.returnTempC()));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    static WindowFacts decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new SerializationException("rollup window facts: unknown version " + version);
            }
            String site = in.readUTF();
            String hall = in.readUTF();
            String row = in.readUTF();
            String rack = in.readUTF();
            long start = in.readLong();
            long end = in.readLong();
            double power = in.readDouble();
            Double heat = orNull(in.readDouble());
            int nodes = in.readInt();
            int gpus = in.readInt();
            int thermal = in.readInt();
            Integer capped = orNull(in.readInt());
            Integer braked = orNull(in.readInt());
            double maxGpu = in.readDouble();
            Double maxHbm = orNull(in.readDouble());
            Double margin = orNull(in.readDouble());
            String marginNode = in.readBoolean() ? in.readUTF() : null;
            int marginGpu = in.readInt();
            return new WindowFacts(site, hall, row, rack, start, end, power, heat, nodes, gpus, thermal, capped, braked,
                    maxGpu, maxHbm, margin, marginNode, marginGpu, orNull(in.readInt()), orNull(in.readInt()),
                    orNull(in.readDouble()), orNull(in.readDouble()), orNull(in.readDouble()));
        } catch (IOException e) {
            throw new SerializationException("rollup window facts: truncated (" + bytes.length + " bytes)", e);
        }
    }

    private static double orNaN(Double v) {
        return v == null ? Double.NaN : v;
    }

    private static int orMinus1(Integer v) {
        return v == null ? -1 : v;
    }

    private static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static Integer orNull(int v) {
        return v < 0 ? null : v;
    }
}
