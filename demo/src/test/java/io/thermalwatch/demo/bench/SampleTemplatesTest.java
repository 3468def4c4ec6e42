package io.thermalwatch.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.NodeSampleJson;
import io.thermalwatch.model.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class SampleTemplatesTest {

    @Test
    void aRecordIsTheSimulatorsSampleRestampedAndKeyedByItsRack() {
        SampleTemplates templates = SampleTemplates.simulate(3);
        assertThat(templates.recordsPerTick(3)).isEqualTo(54);
        assertThat(templates.recordsPerTick(2)).isEqualTo(36);
        assertThat(templates.gpusPerTick(1)).isEqualTo(72);

        ProducerRecord<String, byte[]> record = templates.nodeSample(20, 1_764_290_123_000L);
        NodeSample sample = NodeSampleJson.read(record.value());
        assertThat(record.topic()).isEqualTo(Topics.NODE_SAMPLES);
        assertThat(sample.eventMs()).isEqualTo(1_764_290_123_000L);
        assertThat(record.key()).isEqualTo(sample.rack()).isEqualTo(templates.rack(20));
        assertThat(sample.node()).endsWith("-n03"); // the second rack's third node
        assertThat(sample.gpus()).hasSize(4);
        // the template itself is unchanged
        assertThat(NodeSampleJson.read(templates.nodeSample(20, 1_764_290_124_000L).value()).eventMs())
                .isEqualTo(1_764_290_124_000L);
    }

    @Test
    void anEventTimeThatWouldChangeTheRecordsLengthIsRefused() {
        SampleTemplates templates = SampleTemplates.simulate(1);
        assertThatThrownBy(() -> templates.nodeSample(0, 99_999_999_999L)).hasMessageContaining("13 digits");
    }
}
