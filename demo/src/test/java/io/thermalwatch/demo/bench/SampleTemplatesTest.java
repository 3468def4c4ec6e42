package io.thermalwatch.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermalwatch.model.ClockEventReasons;
import io.thermalwatch.model.CoolantSample;
import io.thermalwatch.model.CoolantSampleJson;
import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.NodeSampleJson;
import io.thermalwatch.model.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class SampleTemplatesTest {

    @Test
    void aRecordIsTheSimulatorsSampleRestampedAndKeyedByItsRack() {
        SampleTemplates templates = SampleTemplates.simulate(3);
        assertThat(templates.recordsPerTick(3)).isEqualTo(57);
        assertThat(templates.recordsPerTick(2)).isEqualTo(38);
        assertThat(templates.nodeRecordsPerTick(2)).isEqualTo(36);
        assertThat(templates.gpusPerTick(1)).isEqualTo(72);

        ProducerRecord<String, byte[]> record = templates.nodeSample(21, 7, 1_764_290_123_000L);
        NodeSample sample = NodeSampleJson.read(record.value());
        assertThat(record.topic()).isEqualTo(Topics.NODE_SAMPLES);
        assertThat(sample.eventMs()).isEqualTo(1_764_290_123_000L);
        assertThat(record.key()).isEqualTo(sample.rack()).isEqualTo(templates.rack(21));
        assertThat(sample.node()).endsWith("-n03"); // the second rack's third node
        assertThat(sample.gpus()).hasSize(4);
        assertThat(sample.gpus().get(0).slowdownTempC()).as("thresholds for the margin rules").isNotNull();
        // the template itself is unchanged
        assertThat(NodeSampleJson.read(templates.nodeSample(21, 7, 1_764_290_124_000L).value()).eventMs())
                .isEqualTo(1_764_290_124_000L);
    }

    @Test
    void everyRackSendsOneCoolantSampleATickOnItsTopic() {
        SampleTemplates templates = SampleTemplates.simulate(2);
        ProducerRecord<String, byte[]> record = templates.record(null, templates.coolantSlot(1), 0, 1_764_290_123_000L);
        CoolantSample loop = CoolantSampleJson.read(record.value());
        assertThat(record.topic()).isEqualTo(Topics.COOLANT_SAMPLES);
        assertThat(record.key()).isEqualTo(loop.rack()).isEqualTo(templates.rack(templates.rackSlot(1)));
        assertThat(loop.eventMs()).isEqualTo(1_764_290_123_000L);
        assertThat(templates.isCoolant(templates.coolantSlot(1))).isTrue();
        assertThat(templates.isCoolant(templates.rackSlot(1))).isFalse();
        assertThat(templates.record("raw", templates.coolantSlot(1), 0, 1_764_290_123_000L).topic()).isEqualTo("raw");
    }

    @Test
    void temperaturesChangeFromTickToTick() {
        SampleTemplates templates = SampleTemplates.simulate(1);
        double[] temps = new double[SampleTemplates.VARIANTS];
        for (int k = 0; k < temps.length; k++) {
            temps[k] = NodeSampleJson.read(templates.nodeSample(0, k, 1_764_290_123_000L).value()).gpus().get(0).gpuTempC();
        }
        assertThat(temps).as("the first GPU's temperature per tick").doesNotHaveDuplicates();
        assertThat(NodeSampleJson.read(templates.nodeSample(0, SampleTemplates.VARIANTS, 1_764_290_123_000L).value())
                .gpus().get(0).gpuTempC()).as("replayed in turn").isEqualTo(temps[0]);
    }

    @Test
    void faultSamplesCarryTheirFaultAndTheirTime() {
        SampleTemplates templates = SampleTemplates.simulate(1);
        NodeSample hot = templates.thermalSlowdown(2, 0, 1_764_290_125_000L, 1);
        assertThat(hot).isNotNull();
        assertThat(hot.eventMs()).isEqualTo(1_764_290_125_000L);
        assertThat(hot.gpus().get(1).clockEventReasons() & ClockEventReasons.HW_THERMAL_SLOWDOWN).isNotZero();
        assertThat(hot.gpus().get(0).clockEventReasons() & ClockEventReasons.HW_THERMAL_SLOWDOWN).isZero();
        CoolantSample leak = templates.leak(templates.coolantSlot(0), 0, 1_764_290_125_000L);
        assertThat(leak.leakDetectors()).isNotEmpty().allMatch(d -> d.leaking());
        assertThat(leak.eventMs()).isEqualTo(1_764_290_125_000L);
    }

    @Test
    void anEventTimeThatWouldChangeTheRecordsLengthIsRefused() {
        SampleTemplates templates = SampleTemplates.simulate(1);
        assertThatThrownBy(() -> templates.nodeSample(0, 0, 99_999_999_999L)).hasMessageContaining("13 digits");
    }

    @Test
    void aTicksRecordsAreSpreadOverTheSecondWithEveryRackSpanningIt() {
        SampleTemplates templates = SampleTemplates.simulate(21);
        int racks = 20;
        int perTick = templates.recordsPerTick(racks);
        java.util.Set<Integer> slots = new java.util.HashSet<>();
        long previous = -1;
        java.util.Map<String, long[]> span = new java.util.HashMap<>();
        for (int j = 0; j < perTick; j++) {
            int slot = templates.slotSentAt(j, racks);
            long phase = templates.phaseMs(slot, racks);
            assertThat(slots.add(slot)).as("slot %d sent once", slot).isTrue();
            assertThat(slot).isBetween(0, perTick - 1);
            assertThat(phase).isBetween(0L, 999L).isGreaterThanOrEqualTo(previous);
            assertThat(phase).isEqualTo(j * 1_000L / perTick);
            previous = phase;
            span.computeIfAbsent(templates.rack(slot), r -> new long[] {phase, phase})[1] = phase;
        }
        assertThat(span).hasSize(racks);
        // each rack's first sample within the first 1/19 of the second, its last in the last
        assertThat(span.values()).allSatisfy(s -> {
            assertThat(s[0]).isLessThan(1_000L / 19 + 1);
            assertThat(s[1]).isGreaterThan(1_000L * 18 / 19 - 1);
        });
        // coolant loops are not all at the end: each round of the tick carries some
        long coolantInFirstHalf = java.util.stream.IntStream.range(0, perTick / 2)
                .filter(j -> templates.isCoolant(templates.slotSentAt(j, racks))).count();
        assertThat(coolantInFirstHalf).isPositive();
    }

    @Test
    void theRacksFromOneOnAreThoseRacksRenumbered() {
        SampleTemplates all = SampleTemplates.simulate(5);
        SampleTemplates tail = all.from(3);
        assertThat(tail.recordsPerTick(Integer.MAX_VALUE / 32)).isEqualTo(2 * (all.nodesPerRack() + 1));
        assertThat(tail.rack(tail.rackSlot(0))).isEqualTo(all.rack(all.rackSlot(3)));
        assertThat(tail.rack(tail.coolantSlot(1))).isEqualTo(all.rack(all.coolantSlot(4)));
        assertThat(tail.coolant(1).rack()).isEqualTo(all.coolant(4).rack());
        assertThat(tail.record(null, tail.rackSlot(1), 7, 1_790_000_000_000L).value())
                .isEqualTo(all.record(null, all.rackSlot(4), 7, 1_790_000_000_000L).value());
    }
}
