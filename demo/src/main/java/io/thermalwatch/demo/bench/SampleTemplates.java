package io.thermalwatch.demo.bench;

import io.thermalwatch.collector.TelemetryBatch;
import io.thermalwatch.collector.sim.FleetLayout;
import io.thermalwatch.collector.sim.FleetSimulator;
import io.thermalwatch.model.ClockEventReasons;
import io.thermalwatch.model.CoolantSample;
import io.thermalwatch.model.CoolantSampleJson;
import io.thermalwatch.model.GpuReading;
import io.thermalwatch.model.LeakDetectorReading;
import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.NodeSampleJson;
import io.thermalwatch.model.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A few consecutive ticks of an NVL72 fleet as the simulator makes them, serialized once: the
 * benchmark's records. Each rack sends its 18 node samples (4 GPUs each, with their own slowdown
 * and HBM thresholds and clock-event reasons) and one coolant sample of its CDU loop per tick, as
 * the collectors' GPU and CDU (Redfish) sources do. Tick {@code k} replays simulated tick
 * {@code k mod} {@link #VARIANTS}, so temperatures and powers vary from tick to tick and every rule
 * has changing values to evaluate. A record for another tick is a copy with its {@code eventMs}
 * digits replaced, so that producing costs what a Kafka client costs, not what simulating 300 k
 * GPUs a second would cost here (the collectors run on the GPU nodes, not on the pipeline's cores).
 *
 * <p>Slots: record {@code i} of a tick belongs to rack {@code i / 19}; slots 0..17 of a rack are its
 * nodes, slot 18 its coolant loop.
 */
final class SampleTemplates {

    /** Simulated ticks replayed in turn. */
    static final int VARIANTS = 3;
    private static final byte[] EVENT_FIELD = "\"eventMs\":".getBytes(StandardCharsets.US_ASCII);
    /** Event times with 13 digits (2001..2286): the patch keeps every record's length. */
    private static final long MIN_EVENT_MS = 1_000_000_000_000L;
    private static final long MAX_EVENT_MS = 9_999_999_999_999L;

    private final String[] keys;
    private final byte[][][] values;
    private final int[][] eventAt;
    private final int[] gpus;
    private final int nodesPerRack;
    private final int slotsPerRack;
    private final List<CoolantSample> coolant;

    private SampleTemplates(List<TelemetryBatch> ticks, int racks, int nodesPerRack) {
        this.nodesPerRack = nodesPerRack;
        this.slotsPerRack = nodesPerRack + 1;
        int slots = racks * slotsPerRack;
        keys = new String[slots];
        values = new byte[ticks.size()][slots][];
        eventAt = new int[ticks.size()][slots];
        gpus = new int[slots];
        coolant = new ArrayList<>(ticks.get(0).coolant());
        for (int v = 0; v < ticks.size(); v++) {
            TelemetryBatch tick = ticks.get(v);
            if (tick.nodes().size() != racks * nodesPerRack || tick.coolant().size() != racks) {
                throw new IllegalStateException("the simulated fleet left out a node or loop");
            }
            for (int r = 0; r < racks; r++) {
                for (int n = 0; n < nodesPerRack; n++) {
                    NodeSample sample = tick.nodes().get(r * nodesPerRack + n);
                    set(v, r * slotsPerRack + n, sample.rack(), NodeSampleJson.write(sample));
                    gpus[r * slotsPerRack + n] = sample.gpus().size();
                }
                CoolantSample loop = tick.coolant().get(r);
                set(v, r * slotsPerRack + nodesPerRack, loop.rack(), CoolantSampleJson.write(loop));
            }
        }
    }

    private SampleTemplates(SampleTemplates all, int firstRack) {
        nodesPerRack = all.nodesPerRack;
        slotsPerRack = all.slotsPerRack;
        int from = Math.min(all.keys.length, firstRack * slotsPerRack);
        keys = Arrays.copyOfRange(all.keys, from, all.keys.length);
        values = new byte[all.values.length][][];
        eventAt = new int[all.values.length][];
        for (int v = 0; v < all.values.length; v++) {
            values[v] = Arrays.copyOfRange(all.values[v], from, all.keys.length);
            eventAt[v] = Arrays.copyOfRange(all.eventAt[v], from, all.keys.length);
        }
        gpus = Arrays.copyOfRange(all.gpus, from, all.keys.length);
        coolant = new ArrayList<>(all.coolant.subList(Math.min(firstRack, all.coolant.size()), all.coolant.size()));
    }

    /**
     * The racks from number {@code firstRack} on, renumbered from 0: a run on racks that no earlier
     * run has sent, so none of them comes back from silence (which resolves its staleness alerts, a
     * burst that is not the latency being measured).
     */
    SampleTemplates from(int firstRack) {
        return new SampleTemplates(this, firstRack);
    }

    private void set(int variant, int slot, String key, byte[] value) {
        keys[slot] = key;
        values[variant][slot] = value;
        eventAt[variant][slot] = indexOf(value, EVENT_FIELD) + EVENT_FIELD.length;
    }

    /** {@link #VARIANTS} consecutive ticks of a seeded simulated fleet of {@code racks} NVL72 racks (after one with no history). */
    static SampleTemplates simulate(int racks) {
        FleetSimulator sim = new FleetSimulator(FleetLayout.nvl72("bench", "h1", racks), 20261128L);
        long t = 1_764_000_000_000L;
        sim.read(t);
        List<TelemetryBatch> ticks = new ArrayList<>();
        for (int v = 1; v <= VARIANTS; v++) {
            ticks.add(sim.read(t + v * 1_000L));
        }
        return new SampleTemplates(ticks, racks, sim.layout().nodesPerRack());
    }

    int nodesPerRack() {
        return nodesPerRack;
    }

    /** Records of one tick (node and coolant samples) for the first {@code racks} racks. */
    int recordsPerTick(int racks) {
        return Math.min(keys.length, racks * slotsPerRack);
    }

    /** Node records of one tick for the first {@code racks} racks. */
    int nodeRecordsPerTick(int racks) {
        return recordsPerTick(racks) / slotsPerRack * nodesPerRack;
    }

    int gpusPerTick(int racks) {
        int sum = 0;
        for (int i = 0; i < recordsPerTick(racks); i++) {
            sum += gpus[i];
        }
        return sum;
    }

    /**
     * The slot sent {@code j}-th within a tick of {@code racks} racks. Round {@code n = j / racks}
     * sends one record of every rack: of rack {@code r}, its slot {@code (n + r) mod 19}. So each
     * rack's samples are spread over the whole second, and at any moment the stream mixes node
     * samples and coolant samples of different racks, as collectors and CDU pollers ticking at their
     * own phases send.
     */
    int slotSentAt(int j, int racks) {
        int r = j % racks;
        int n = j / racks;
        return r * slotsPerRack + (n + r) % slotsPerRack;
    }

    /**
     * When slot {@code i} is due within its tick, ms after the tick, in {@code [0, 1000)}: a tick's
     * records are spread evenly over the second in the order of {@link #slotSentAt}.
     */
    long phaseMs(int i, int racks) {
        int r = i / slotsPerRack;
        int n = Math.floorMod(i % slotsPerRack - r, slotsPerRack);
        long j = (long) n * racks + r;
        return j * 1_000L / recordsPerTick(racks);
    }

    /** The rack (the Kafka key) of slot {@code i}. */
    String rack(int i) {
        return keys[i];
    }

    /** The first slot of rack number {@code r}. */
    int rackSlot(int r) {
        return r * slotsPerRack;
    }

    /** The coolant loop's slot of rack number {@code r}. */
    int coolantSlot(int r) {
        return r * slotsPerRack + nodesPerRack;
    }

    boolean isCoolant(int i) {
        return i % slotsPerRack == nodesPerRack;
    }

    /** The coolant sample of rack number {@code r} in the first tick (for the inventory's design values). */
    CoolantSample coolant(int r) {
        return coolant.get(r);
    }

    /** Slot {@code i}'s bytes (key and value) per record. */
    int bytes(int i) {
        return keys[i].length() + values[0][i].length;
    }

    /**
     * Slot {@code i} of tick {@code tick} stamped {@code eventMs}, keyed by its rack, to {@code topic}
     * (null: the live topic of its kind, node or coolant samples).
     */
    ProducerRecord<String, byte[]> record(String topic, int i, long tick, long eventMs) {
        requireThirteenDigits(eventMs);
        int v = (int) Math.floorMod(tick, (long) values.length);
        byte[] value = values[v][i].clone();
        long e = eventMs;
        for (int d = 12; d >= 0; d--) {
            value[eventAt[v][i] + d] = (byte) ('0' + e % 10);
            e /= 10;
        }
        return new ProducerRecord<>(topic != null ? topic : isCoolant(i) ? Topics.COOLANT_SAMPLES : Topics.NODE_SAMPLES,
                keys[i], value);
    }

    /** Node slot {@code i} of tick {@code tick}, to the node-samples topic. */
    ProducerRecord<String, byte[]> nodeSample(int i, long tick, long eventMs) {
        return record(null, i, tick, eventMs);
    }

    /**
     * Node slot {@code i} of tick {@code tick} with GPU {@code gpu} in hardware thermal slowdown (clock
     * event reason 0x40), or null when that GPU already reports a thermal reason in some tick (its alert
     * could be firing already).
     */
    NodeSample thermalSlowdown(int i, long tick, long eventMs, int gpu) {
        requireThirteenDigits(eventMs);
        for (byte[][] variant : values) {
            Long reasons = NodeSampleJson.read(variant[i]).gpus().get(gpu).clockEventReasons();
            if (reasons == null || (reasons & (ClockEventReasons.THERMAL | ClockEventReasons.HW_SLOWDOWN
                    | ClockEventReasons.HW_POWER_BRAKE_SLOWDOWN)) != 0) {
                return null;
            }
        }
        NodeSample s = NodeSampleJson.read(values[(int) Math.floorMod(tick, (long) values.length)][i]);
        List<GpuReading> readings = new ArrayList<>(s.gpus());
        GpuReading g = readings.get(gpu);
        readings.set(gpu, new GpuReading(g.index(), g.uuid(), g.model(), g.powerW(), g.gpuTempC(), g.hbmTempC(),
                g.smClockMhz(), g.clockEventReasons() | ClockEventReasons.HW_THERMAL_SLOWDOWN, g.utilizationPct(),
                g.powerLimitW(), g.slowdownTempC(), g.shutdownTempC(), g.gpuMaxTempC(), g.hbmMaxTempC(), g.energyMj(),
                g.modulePowerW()));
        return new NodeSample(s.schemaVersion(), eventMs, s.site(), s.hall(), s.row(), s.rack(), s.node(), readings);
    }

    /** Coolant slot {@code i} of tick {@code tick} with its leak detectors reporting liquid. */
    CoolantSample leak(int i, long tick, long eventMs) {
        requireThirteenDigits(eventMs);
        CoolantSample s = CoolantSampleJson.read(values[(int) Math.floorMod(tick, (long) values.length)][i]);
        List<LeakDetectorReading> leaks = s.leakDetectors().stream()
                .map(d -> new LeakDetectorReading(d.id(), true, "Critical")).toList();
        return new CoolantSample(s.schemaVersion(), eventMs, s.site(), s.hall(), s.row(), s.rack(), s.loop(), s.source(),
                s.supplyTempC(), s.returnTempC(), s.deltaTempC(), s.flowLpm(), s.supplyPressureKpa(),
                s.returnPressureKpa(), s.diffPressureKpa(), s.heatRemovedKw(), s.rackPowerKw(), s.coolantLevelPct(),
                s.health(), s.pumps(), leaks);
    }

    private static void requireThirteenDigits(long eventMs) {
        if (eventMs < MIN_EVENT_MS || eventMs > MAX_EVENT_MS) {
            throw new IllegalArgumentException("eventMs must have 13 digits, was " + eventMs);
        }
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
        throw new IllegalStateException("no eventMs field in a sample");
    }
}
