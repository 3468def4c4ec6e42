package io.thermalwatch.streams.validate;

import static io.thermalwatch.streams.TopologyHarness.GRACE_MS;
import static io.thermalwatch.streams.TopologyHarness.T0;
import static io.thermalwatch.streams.TopologyHarness.gpu;
import static io.thermalwatch.streams.TopologyHarness.header;
import static io.thermalwatch.streams.TopologyHarness.node;
import static io.thermalwatch.streams.TopologyHarness.tick;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.thermalwatch.model.DeadLetterHeaders;
import io.thermalwatch.model.NodeSampleJson;
import io.thermalwatch.model.RackAggregate;
import io.thermalwatch.model.Topics;
import io.thermalwatch.streams.TopologyHarness;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidationTopologyTest {

    private static final String GOOD_GPU = "{\"index\":0,\"uuid\":\"GPU-1\",\"powerW\":300,\"gpuTempC\":50}";

    private final TopologyHarness t = new TopologyHarness();

    @AfterEach
    void close() {
        t.close();
    }

    private static String sample(String rack, long eventMs, String gpu) {
        return "{\"schemaVersion\":1,\"eventMs\":" + eventMs + ",\"site\":\"s\",\"hall\":\"h\",\"row\":\"r\",\"rack\":\""
                + rack + "\",\"node\":\"n1\",\"gpus\":[" + gpu + "]}";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "malformed JSON      | k1 | {\"schemaVersion\":1,                                | malformed           | not valid JSON",
        "unknown version     | k1 | {\"schemaVersion\":9,\"eventMs\":1,\"gpus\":[]}   | unsupported-version | schemaVersion 9 is not supported",
        "negative power      | k1 | SAMPLE:{\"index\":0,\"uuid\":\"u\",\"powerW\":-5,\"gpuTempC\":50}     | out-of-range | gpus[0].powerW must be in 0..5000 W, was -5.0",
        "NaN temperature     | k1 | SAMPLE:{\"index\":0,\"uuid\":\"u\",\"powerW\":5,\"gpuTempC\":NaN}     | out-of-range | gpus[0].gpuTempC must be in -40..150 °C, was NaN",
        "too hot             | k1 | SAMPLE:{\"index\":0,\"uuid\":\"u\",\"powerW\":5,\"gpuTempC\":150.5}   | out-of-range | gpuTempC must be in -40..150 °C, was 150.5",
        "missing GPU uuid    | k1 | SAMPLE:{\"index\":0,\"powerW\":5,\"gpuTempC\":50}                     | missing-id   | gpus[0].uuid is missing or blank",
        "key is another rack | k2 | SAMPLE:GOOD | key-mismatch | record key 'k2' but the sample's rack is 'k1'",
    })
    void deadLettersEachReasonWithTheOriginalBytesAndItsOrigin(String name, String key, String value, String code,
                                                               String reason) {
        String json = value.startsWith("SAMPLE:")
                ? sample("k1", T0, value.substring(7).replace(GOOD_GPU_TOKEN, GOOD_GPU)) : value;
        byte[] original = json.getBytes(UTF_8);
        t.sendRaw(key, original, T0);

        TestRecord<String, byte[]> dead = t.deadLetters().readRecord();
        assertThat(dead.value()).isEqualTo(original);
        assertThat(dead.key()).isEqualTo(key);
        assertThat(header(dead, DeadLetterHeaders.REASON_CODE)).isEqualTo(code);
        assertThat(header(dead, DeadLetterHeaders.REASON)).contains(reason);
        assertThat(header(dead, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.NODE_SAMPLES);
        assertThat(header(dead, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(dead, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(t.deadLetters().isEmpty()).isTrue();
    }

    static final String GOOD_GPU_TOKEN = "GOOD";

    @Test
    void recordWithoutKeyIsDeadLettered() {
        t.sendRaw(null, sample("k1", T0, GOOD_GPU).getBytes(UTF_8), T0);
        assertThat(header(t.deadLetters().readRecord(), DeadLetterHeaders.REASON))
                .isEqualTo("record key is missing but the sample's rack is 'k1'; collectors must key samples by rack");
    }

    @Test
    void timestampTooFarAheadOfItsArrivalIsDeadLettered() {
        long now = T0 + 5_000; // the records' arrival (log-append time)
        t.sendRaw("k1", sample("k1", now + 60_001, GOOD_GPU).getBytes(UTF_8), now);
        t.sendRaw("k1", sample("k1", now + 60_000, GOOD_GPU).getBytes(UTF_8), now);
        List<TestRecord<String, byte[]>> dead = t.deadLetters().readRecordsToList();
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), DeadLetterHeaders.REASON_CODE)).isEqualTo("future-timestamp");
        assertThat(header(dead.get(0), DeadLetterHeaders.REASON)).isEqualTo(
                "eventMs " + (now + 60_001) + " is 60001 ms ahead of its arrival at Kafka (limit 60000 ms)");
    }

    @Test
    void badRecordsDoNotStopOrPolluteTheGoodOnes() {
        t.send(node("k1", "a", T0, gpu(0, 250, 40, null, 0)));
        t.sendRaw("k1", "garbage".getBytes(UTF_8), T0 + 1);
        t.sendRaw("k1", sample("k1", T0 + 2, "{\"index\":0,\"uuid\":\"u\",\"powerW\":-1,\"gpuTempC\":50}").getBytes(UTF_8), T0 + 2);
        t.send(node("k1", "b", T0 + 3, gpu(0, 750, 40, null, 0)));
        t.send(tick("k1", T0 + 10_000 + GRACE_MS));

        assertThat(t.deadLetters().readRecordsToList()).extracting(r -> header(r, DeadLetterHeaders.SOURCE_OFFSET))
                .containsExactly("1", "2");
        RackAggregate a = t.aggregates().readValue();
        assertThat(a.samples()).isEqualTo(2);
        assertThat(a.totalPowerW()).isEqualTo(1000.0);
    }

    @Test
    void aValidSampleAtTheEdgesOfItsBoundsIsAggregatedNotDeadLettered() {
        t.sendRaw("k1", NodeSampleJson.write(node("k1", "a", T0, gpu(0, 0, -40, 150.0, 0))), T0);
        t.send(tick("k1", T0 + 10_000 + GRACE_MS)); // closes the sample's window

        assertThat(t.deadLetters().isEmpty()).isTrue();
        RackAggregate a = t.aggregates().readValue();
        assertThat(a.windowStartMs()).isEqualTo(T0);
        assertThat(a.samples()).isEqualTo(1);
        assertThat(a.nodesReporting()).isEqualTo(1);
        assertThat(a.totalPowerW()).isEqualTo(0.0);
        assertThat(a.maxGpuTempC()).isEqualTo(-40.0);
        assertThat(a.maxHbmTempC()).isEqualTo(150.0);
    }
}
