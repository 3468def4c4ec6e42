package io.thermalwatch.streams.rack;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Compact binary form of {@link RackWindowAccumulator} for the window store and its changelog.
 * Internal state, not a wire format: the leading version byte lets a later release read it.
 */
public final class RackWindowAccumulatorSerde implements Serde<RackWindowAccumulator> {

    private static final byte VERSION = 1;

    @Override
    public Serializer<RackWindowAccumulator> serializer() {
        return (topic, acc) -> acc == null ? null : write(acc);
    }

    @Override
    public Deserializer<RackWindowAccumulator> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(RackWindowAccumulator acc) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + acc.nodes.size() * 40);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(acc.site);
            out.writeUTF(acc.hall);
            out.writeUTF(acc.row);
            out.writeLong(acc.samples);
            out.writeDouble(acc.tempSumC);
            out.writeLong(acc.tempReadings);
            out.writeDouble(acc.maxTempC);
            out.writeDouble(acc.maxHbmC);
            out.writeInt(acc.nodes.size());
            for (Map.Entry<String, RackWindowAccumulator.NodeState> e : acc.nodes.entrySet()) {
                RackWindowAccumulator.NodeState n = e.getValue();
                out.writeUTF(e.getKey());
                out.writeInt(n.samples);
                out.writeLong(n.powerSumMw);
                out.writeLong(n.gpuMask);
                out.writeLong(n.thermalMask);
            }
        } catch (IOException e) {
            throw new SerializationException("cannot write rack window state", e);
        }
        return bytes.toByteArray();
    }

    static RackWindowAccumulator read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new SerializationException("rack window state version " + version + " is not readable");
            }
            RackWindowAccumulator acc = new RackWindowAccumulator();
            acc.site = in.readUTF();
            acc.hall = in.readUTF();
            acc.row = in.readUTF();
            acc.samples = in.readLong();
            acc.tempSumC = in.readDouble();
            acc.tempReadings = in.readLong();
            acc.maxTempC = in.readDouble();
            acc.maxHbmC = in.readDouble();
            int nodes = in.readInt();
            for (int i = 0; i < nodes; i++) {
                RackWindowAccumulator.NodeState n = new RackWindowAccumulator.NodeState();
                String node = in.readUTF();
                n.samples = in.readInt();
                n.powerSumMw = in.readLong();
                n.gpuMask = in.readLong();
                n.thermalMask = in.readLong();
                acc.nodes.put(node, n);
            }
            return acc;
        } catch (IOException e) {
            throw new SerializationException("corrupt rack window state", e);
        }
    }
}
