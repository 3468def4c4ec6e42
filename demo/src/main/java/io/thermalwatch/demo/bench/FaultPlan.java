package io.thermalwatch.demo.bench;

import io.thermalwatch.model.CoolantSample;
import io.thermalwatch.model.CoolantSampleJson;
import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.NodeSampleJson;
import io.thermalwatch.model.Topics;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Faults injected into a paced run to time alerts: a fault sample replaces its slot's normal sample
 * in one tick, alternately a GPU in hardware thermal slowdown ({@code gpu-thermal-slowdown}, critical
 * at level 2, {@code criticalFor: 0}) and a coolant loop whose leak detector reports liquid
 * ({@code coolant-leak}, {@code criticalFor: 0}). With the shipped rules each fault sample is the one
 * that makes its alert due, so production of that sample → alert readable is the whole latency, with
 * no {@code for} wait in it and no rule changed for the benchmark. Every fault hits a different GPU
 * or loop, so no alert of an earlier fault (firing, keep-firing, flap damping) is in the way.
 */
final class FaultPlan {

    static final String GPU_RULE = "gpu-thermal-slowdown";
    static final String LEAK_RULE = "coolant-leak";

    /** One planned fault: the slot it replaces, its alert's key (see {@link AlertWatch#key}), the record carrying it. */
    record Fault(int slot, String alertKey, ProducerRecord<String, byte[]> record) {
    }

    private final Map<Integer, Map<Integer, Fault>> byTick = new HashMap<>();
    private final Map<String, Long> sentMs = new ConcurrentHashMap<>();
    private int planned;

    /**
     * Up to {@code perTick} faults in each tick from {@code firstTick} to {@code lastTick} (tick
     * indices of the run, inclusive) of a run of {@code racks} racks whose tick {@code k} is stamped
     * {@code firstEventMs + k s}.
     */
    FaultPlan(SampleTemplates templates, int racks, long firstEventMs, int firstTick, int lastTick, int perTick) {
        Set<Integer> usedNodes = new HashSet<>();
        Set<Integer> usedRacks = new HashSet<>();
        int nodes = racks * templates.nodesPerRack();
        long n = 0;
        for (int k = firstTick; k <= lastTick; k++) {
            long dueMs = firstEventMs + k * 1_000L;
            long tick = dueMs / 1_000;
            Map<Integer, Fault> faults = new HashMap<>();
            for (int f = 0; f < perTick; f++, n++) {
                Fault fault = f % 2 == 0 ? gpuFault(templates, racks, nodes, n, tick, dueMs, usedNodes)
                        : leakFault(templates, racks, n, tick, dueMs, usedRacks);
                if (fault != null) {
                    faults.put(fault.slot(), fault);
                }
            }
            planned += faults.size();
            byTick.put(k, faults);
        }
    }

    /** A fault sample is stamped like the sample it replaces: its tick plus its slot's phase. */
    private Fault gpuFault(SampleTemplates templates, int racks, int nodes, long n, long tick, long dueMs,
                           Set<Integer> used) {
        for (int attempt = 0; attempt < 8 && used.size() < nodes; attempt++) {
            int node = (int) ((n * 7_919 + attempt * 104_729L) % nodes);
            int slot = templates.rackSlot(node / templates.nodesPerRack()) + node % templates.nodesPerRack();
            int gpu = (int) (n % 4);
            if (used.contains(node)) {
                continue;
            }
            NodeSample s = templates.thermalSlowdown(slot, tick, dueMs + templates.phaseMs(slot, racks), gpu);
            if (s == null) {
                continue;
            }
            used.add(node);
            return new Fault(slot, AlertWatch.key(GPU_RULE, s.rack(), s.node(), gpu, null),
                    new ProducerRecord<>(Topics.NODE_SAMPLES, s.rack(), NodeSampleJson.write(s)));
        }
        return null;
    }

    private Fault leakFault(SampleTemplates templates, int racks, long n, long tick, long dueMs, Set<Integer> used) {
        for (int attempt = 0; attempt < 8 && used.size() < racks; attempt++) {
            int rack = (int) ((n * 7_919 + attempt * 104_729L) % racks);
            if (!used.add(rack)) {
                continue;
            }
            int slot = templates.coolantSlot(rack);
            CoolantSample s = templates.leak(slot, tick, dueMs + templates.phaseMs(slot, racks));
            return new Fault(slot, AlertWatch.key(LEAK_RULE, s.rack(), null, null, s.loop()),
                    new ProducerRecord<>(Topics.COOLANT_SAMPLES, s.rack(), CoolantSampleJson.write(s)));
        }
        return null;
    }

    /** The fault record replacing slot {@code i} of run tick {@code k}, or null for the normal sample. */
    Fault at(int k, int i) {
        Map<Integer, Fault> faults = byTick.get(k);
        return faults == null ? null : faults.get(i);
    }

    /** Notes that a fault's record was handed to the producer at {@code ms} (wall clock). */
    void sent(Fault fault, long ms) {
        sentMs.put(fault.alertKey(), ms);
    }

    int planned() {
        return planned;
    }

    /** Alert key → when its fault was sent, epoch ms. */
    Map<String, Long> sent() {
        return Map.copyOf(sentMs);
    }
}
