package io.thermalwatch.demo.bench;

import io.thermalwatch.collector.sim.FleetLayout;
import io.thermalwatch.collector.sim.FleetSimulator;
import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.NodeSampleJson;
import io.thermalwatch.model.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One tick of an NVL72 fleet as the simulator makes it, serialized once: the benchmark's records.
 * A record for another tick is a copy with its {@code eventMs} digits replaced, so that producing
 * costs what a Kafka client costs, not what simulating 300 k GPUs a second would cost here (the
 * collectors run on the GPU nodes, not on the pipeline's cores).
 */
final class SampleTemplates {

    private static final byte[] EVENT_FIELD = "\"eventMs\":".getBytes(StandardCharsets.US_ASCII);
    /** Event times with 13 digits (2001..2286): the patch keeps every record's length. */
    private static final long MIN_EVENT_MS = 1_000_000_000_000L;
    private static final long MAX_EVENT_MS = 9_999_999_999_999L;

    private final String[] keys;
    private final byte[][] values;
    private final int[] eventAt;
    private final int[] gpus;
    private final int nodesPerRack;

    private SampleTemplates(List<NodeSample> tick, int nodesPerRack) {
        this.nodesPerRack = nodesPerRack;
        keys = new String[tick.size()];
        values = new byte[tick.size()][];
        eventAt = new int[tick.size()];
        gpus = new int[tick.size()];
        for (int i = 0; i < tick.size(); i++) {
            keys[i] = tick.get(i).rack();
            values[i] = NodeSampleJson.write(tick.get(i));
            eventAt[i] = indexOf(values[i], EVENT_FIELD) + EVENT_FIELD.length;
            gpus[i] = tick.get(i).gpus().size();
        }
    }

    /** The second tick of a seeded simulated fleet of {@code racks} NVL72 racks (the first has no history). */
    static SampleTemplates simulate(int racks) {
        FleetSimulator sim = new FleetSimulator(FleetLayout.nvl72("bench", "h1", racks), 20261128L);
        long t = 1_764_000_000_000L;
        sim.read(t);
        return new SampleTemplates(sim.read(t + 1_000).nodes(), sim.layout().nodesPerRack());
    }

    int nodesPerRack() {
        return nodesPerRack;
    }

    /** Node records of one tick for the first {@code racks} racks. */
    int recordsPerTick(int racks) {
        return Math.min(keys.length, racks * nodesPerRack);
    }

    int gpusPerTick(int racks) {
        int sum = 0;
        for (int i = 0; i < recordsPerTick(racks); i++) {
            sum += gpus[i];
        }
        return sum;
    }

    /** The rack (the Kafka key) of template {@code i}. */
    String rack(int i) {
        return keys[i];
    }

    /** Template {@code i}'s bytes (key and value) per record. */
    int bytes(int i) {
        return keys[i].length() + values[i].length;
    }

    /** Record {@code i} of a tick stamped {@code eventMs}, to {@code topic}, keyed by its rack. */
    ProducerRecord<String, byte[]> record(String topic, int i, long eventMs) {
        if (eventMs < MIN_EVENT_MS || eventMs > MAX_EVENT_MS) {
            throw new IllegalArgumentException("eventMs must have 13 digits, was " + eventMs);
        }
        byte[] value = values[i].clone();
        long v = eventMs;
        for (int d = 12; d >= 0; d--) {
            value[eventAt[i] + d] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return new ProducerRecord<>(topic, keys[i], value);
    }

    ProducerRecord<String, byte[]> nodeSample(int i, long eventMs) {
        return record(Topics.NODE_SAMPLES, i, eventMs);
    }

    private static int indexOf(byte[] bytes, byte[] what) {
        outer:
        for (int i = 0; i <= bytes.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (bytes[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("no eventMs field in a node sample");
    }
}
