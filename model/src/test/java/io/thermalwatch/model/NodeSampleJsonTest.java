package io.thermalwatch.model;

import static io.thermalwatch.model.Samples.T0;
import static io.thermalwatch.model.Samples.gpu;
import static io.thermalwatch.model.Samples.node;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeSampleJsonTest {

    private static final String VALID = """
            {"schemaVersion":1,"eventMs":1790000000000,"site":"ams1","hall":"h1","row":"r01","rack":"r01-k03",
             "node":"r01-k03-n07","gpus":[{"index":0,"uuid":"GPU-a","model":"NVIDIA GB300","powerW":812.5,
             "gpuTempC":54.0,"hbmTempC":61.5,"smClockMhz":1980,"clockEventReasons":32,"utilizationPct":99,
             "powerLimitW":1400,"slowdownTempC":89,"shutdownTempC":95,"gpuMaxTempC":87,"hbmMaxTempC":95,
             "futureField":{"ignored":[1,2]}}]}
            """;

    @Test
    void roundTripsEveryField() {
        GpuReading withEnergy = new GpuReading(5, "GPU-e", "NVIDIA H100 80GB HBM3", 93.501, 31, 34.0, 885, 1L, 0.0, 700.0,
                89.0, 95.0, 87.0, 95.0, 2_207_525L);
        NodeSample sample = node("r01-k03", "n07", T0, gpu(0, 700.25, 61.0), gpu(3, 75.0, 31.5), withEnergy);
        assertThat(NodeSampleJson.read(NodeSampleJson.write(sample))).isEqualTo(sample);
    }

    @Test
    void roundTripsAbsentOptionalFieldsAsNull() {
        GpuReading bare = new GpuReading(1, "GPU-b", "Tesla T4", 68.2, 74.0, null, null, 0L, null, null, null, null, null, null);
        NodeSample sample = node("k1", "n1", T0, bare);
        String json = new String(NodeSampleJson.write(sample), UTF_8);
        assertThat(json).doesNotContain("hbmTempC").doesNotContain("null");
        assertThat(NodeSampleJson.read(json.getBytes(UTF_8))).isEqualTo(sample);
    }

    @Test
    void readsDocumentedExampleAndIgnoresUnknownFields() {
        NodeSample s = NodeSampleJson.read(VALID.getBytes(UTF_8));
        assertThat(s.rack()).isEqualTo("r01-k03");
        assertThat(s.gpus()).hasSize(1);
        GpuReading g = s.gpus().get(0);
        assertThat(g.powerW()).isEqualTo(812.5);
        assertThat(g.hbmTempC()).isEqualTo(61.5);
        assertThat(g.clockEventReasons()).isEqualTo(ClockEventReasons.SW_THERMAL_SLOWDOWN);
        assertThat(g.thermallyThrottled()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not json                 | hello                                               | malformed           | not valid JSON",
        "truncated                | {\"schemaVersion\":1,                               | malformed           | not valid JSON",
        "array not object         | [1,2]                                               | malformed           | a node sample must be an object",
        "missing gpus             | {\"schemaVersion\":1,\"eventMs\":5,\"site\":\"s\",\"hall\":\"h\",\"row\":\"r\",\"rack\":\"k\",\"node\":\"n\"} | malformed | gpus is missing",
        "empty gpus               | {\"schemaVersion\":1,\"eventMs\":5,\"site\":\"s\",\"hall\":\"h\",\"row\":\"r\",\"rack\":\"k\",\"node\":\"n\",\"gpus\":[]} | malformed | at least one GPU",
        "future schema            | {\"schemaVersion\":2,\"eventMs\":5,\"site\":\"s\",\"hall\":\"h\",\"row\":\"r\",\"rack\":\"k\",\"node\":\"n\",\"gpus\":[]} | unsupported-version | schemaVersion 2",
        "blank rack               | {\"schemaVersion\":1,\"eventMs\":5,\"site\":\"s\",\"hall\":\"h\",\"row\":\"r\",\"rack\":\" \",\"node\":\"n\",\"gpus\":[]} | missing-id | rack is missing or blank",
        "missing node             | {\"schemaVersion\":1,\"eventMs\":5,\"site\":\"s\",\"hall\":\"h\",\"row\":\"r\",\"rack\":\"k\",\"gpus\":[]} | missing-id | node is missing or blank",
        "NaN power                | {\"schemaVersion\":1,\"eventMs\":5,\"site\":\"s\",\"hall\":\"h\",\"row\":\"r\",\"rack\":\"k\",\"node\":\"n\",\"gpus\":[{\"index\":0,\"uuid\":\"u\",\"powerW\":NaN,\"gpuTempC\":40}]} | out-of-range | gpus[0].powerW must be in 0..5000 W, was NaN",
        "negative power           | {\"schemaVersion\":1,\"eventMs\":5,\"site\":\"s\",\"hall\":\"h\",\"row\":\"r\",\"rack\":\"k\",\"node\":\"n\",\"gpus\":[{\"index\":0,\"uuid\":\"u\",\"powerW\":-1,\"gpuTempC\":40}]} | out-of-range | gpus[0].powerW must be in 0..5000 W, was -1.0",
        "hot GPU                  | {\"schemaVersion\":1,\"eventMs\":5,\"site\":\"s\",\"hall\":\"h\",\"row\":\"r\",\"rack\":\"k\",\"node\":\"n\",\"gpus\":[{\"index\":0,\"uuid\":\"u\",\"powerW\":1,\"gpuTempC\":151}]} | out-of-range | gpus[0].gpuTempC must be in -40..150 °C, was 151.0",
        "cold HBM                 | {\"schemaVersion\":1,\"eventMs\":5,\"site\":\"s\",\"hall\":\"h\",\"row\":\"r\",\"rack\":\"k\",\"node\":\"n\",\"gpus\":[{\"index\":0,\"uuid\":\"u\",\"powerW\":1,\"gpuTempC\":40,\"hbmTempC\":-41}]} | out-of-range | gpus[0].hbmTempC must be in -40..150 °C",
        "missing uuid second gpu  | {\"schemaVersion\":1,\"eventMs\":5,\"site\":\"s\",\"hall\":\"h\",\"row\":\"r\",\"rack\":\"k\",\"node\":\"n\",\"gpus\":[{\"index\":0,\"uuid\":\"u\",\"powerW\":1,\"gpuTempC\":40},{\"index\":1,\"powerW\":1,\"gpuTempC\":40}]} | missing-id | gpus[1].uuid is missing or blank",
        "duplicate index          | {\"schemaVersion\":1,\"eventMs\":5,\"site\":\"s\",\"hall\":\"h\",\"row\":\"r\",\"rack\":\"k\",\"node\":\"n\",\"gpus\":[{\"index\":0,\"uuid\":\"u\",\"powerW\":1,\"gpuTempC\":40},{\"index\":0,\"uuid\":\"v\",\"powerW\":1,\"gpuTempC\":40}]} | malformed | index 0 twice",
        "string power             | {\"schemaVersion\":1,\"eventMs\":5,\"site\":\"s\",\"hall\":\"h\",\"row\":\"r\",\"rack\":\"k\",\"node\":\"n\",\"gpus\":[{\"index\":0,\"uuid\":\"u\",\"powerW\":\"300\",\"gpuTempC\":40}]} | malformed | gpus[0].powerW must be a number, found a string",
        "utilisation over 100     | {\"schemaVersion\":1,\"eventMs\":5,\"site\":\"s\",\"hall\":\"h\",\"row\":\"r\",\"rack\":\"k\",\"node\":\"n\",\"gpus\":[{\"index\":0,\"uuid\":\"u\",\"powerW\":1,\"gpuTempC\":40,\"utilizationPct\":101}]} | out-of-range | utilizationPct must be in 0..100",
        "zero event time          | {\"schemaVersion\":1,\"eventMs\":0,\"site\":\"s\",\"hall\":\"h\",\"row\":\"r\",\"rack\":\"k\",\"node\":\"n\",\"gpus\":[{\"index\":0,\"uuid\":\"u\",\"powerW\":1,\"gpuTempC\":40}]} | out-of-range | eventMs must be in 1..9007199254740991, was 0",
        "event time beyond 2^53-1 | {\"schemaVersion\":1,\"eventMs\":9007199254740992,\"site\":\"s\",\"hall\":\"h\",\"row\":\"r\",\"rack\":\"k\",\"node\":\"n\",\"gpus\":[{\"index\":0,\"uuid\":\"u\",\"powerW\":1,\"gpuTempC\":40}]} | out-of-range | eventMs must be in 1..9007199254740991",
        "fractional integer       | {\"schemaVersion\":1,\"eventMs\":5.5,\"site\":\"s\",\"hall\":\"h\",\"row\":\"r\",\"rack\":\"k\",\"node\":\"n\",\"gpus\":[{\"index\":0,\"uuid\":\"u\",\"powerW\":1,\"gpuTempC\":40}]} | malformed | eventMs must be an integer, found 5.5",
        "integer beyond 64 bits   | {\"schemaVersion\":1,\"eventMs\":5,\"site\":\"s\",\"hall\":\"h\",\"row\":\"r\",\"rack\":\"k\",\"node\":\"n\",\"gpus\":[{\"index\":0,\"uuid\":\"u\",\"powerW\":1,\"gpuTempC\":40,\"energyMj\":9223372036854775808}]} | out-of-range | gpus[0].energyMj is out of range",
        "negative bitmask         | {\"schemaVersion\":1,\"eventMs\":5,\"site\":\"s\",\"hall\":\"h\",\"row\":\"r\",\"rack\":\"k\",\"node\":\"n\",\"gpus\":[{\"index\":0,\"uuid\":\"u\",\"powerW\":1,\"gpuTempC\":40,\"clockEventReasons\":-1}]} | out-of-range | gpus[0].clockEventReasons must be in 0..4294967295, was -1",
        "field given twice        | {\"schemaVersion\":1,\"eventMs\":5,\"site\":\"s\",\"hall\":\"h\",\"row\":\"r\",\"rack\":\"k\",\"node\":\"n\",\"gpus\":[{\"index\":0,\"uuid\":\"u\",\"powerW\":1,\"powerW\":2,\"gpuTempC\":40}]} | malformed | gpus[0].powerW is given more than once",
        "NaN in an unknown field  | {\"schemaVersion\":1,\"eventMs\":5,\"site\":\"s\",\"hall\":\"h\",\"row\":\"r\",\"rack\":\"k\",\"node\":\"n\",\"x\":[NaN],\"gpus\":[{\"index\":0,\"uuid\":\"u\",\"powerW\":1,\"gpuTempC\":40}]} | malformed | non-standard number NaN",
        "no-break-space rack id   | {\"schemaVersion\":1,\"eventMs\":5,\"site\":\"s\",\"hall\":\"h\",\"row\":\"r\",\"rack\":\"\\u00a0\",\"node\":\"n\",\"gpus\":[{\"index\":0,\"uuid\":\"u\",\"powerW\":1,\"gpuTempC\":40}]} | missing-id | rack is missing or blank",
        "trailing garbage         | {\"schemaVersion\":1,\"eventMs\":5,\"site\":\"s\",\"hall\":\"h\",\"row\":\"r\",\"rack\":\"k\",\"node\":\"n\",\"gpus\":[{\"index\":0,\"uuid\":\"u\",\"powerW\":1,\"gpuTempC\":40}]} x | malformed | not valid JSON",
    })
    void rejectsWithReasonNamingTheField(String name, String json, String code, String message) {
        assertThatThrownBy(() -> NodeSampleJson.read(json.getBytes(UTF_8)))
                .isInstanceOfSatisfying(InvalidTelemetryException.class, e -> {
                    assertThat(e.reason().code()).isEqualTo(code);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    @Test
    void readsNullOptionalFieldsAsAbsentAndIntegralFloatsAsIntegers() {
        String json = """
                {"schemaVersion":1.0,"eventMs":1.79e12,"site":"s","hall":"h","row":"r","rack":"k","node":"n",
                 "gpus":[{"index":3.0,"uuid":"u","model":null,"powerW":1,"gpuTempC":40,"hbmTempC":null,
                 "smClockMhz":1980.0,"clockEventReasons":null,"energyMj":1000000000.0,"modulePowerW":null}]}
                """;
        NodeSample s = NodeSampleJson.read(json.getBytes(UTF_8));
        assertThat(s.eventMs()).isEqualTo(1_790_000_000_000L);
        GpuReading g = s.gpus().get(0);
        assertThat(g.index()).isEqualTo(3);
        assertThat(g.smClockMhz()).isEqualTo(1980);
        assertThat(g.energyMj()).isEqualTo(1_000_000_000L);
        assertThat(g.hbmTempC()).isNull();
        assertThat(g.clockEventReasons()).isNull();
        assertThat(g.model()).isEmpty();
    }

    @Test
    void idsAreLimitedTo256CharactersCountedAsCodePoints() {
        String ok = "\uD83D\uDD25".repeat(256); // 256 characters, 512 UTF-16 units
        String json = "{\"schemaVersion\":1,\"eventMs\":5,\"site\":\"s\",\"hall\":\"h\",\"row\":\"r\",\"rack\":\"%s\","
                + "\"node\":\"n\",\"gpus\":[{\"index\":0,\"uuid\":\"u\",\"powerW\":1,\"gpuTempC\":40}]}";
        assertThat(NodeSampleJson.read(json.formatted(ok).getBytes(UTF_8)).rack()).isEqualTo(ok);
        assertThatThrownBy(() -> NodeSampleJson.read(json.formatted(ok + "x").getBytes(UTF_8)))
                .isInstanceOfSatisfying(InvalidTelemetryException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RejectReason.OUT_OF_RANGE);
                    assertThat(e.getMessage()).isEqualTo("rack must be at most 256 characters, was 257");
                });
    }

    @Test
    void rejectsEmptyInput() {
        assertThatThrownBy(() -> NodeSampleJson.read(new byte[0]))
                .isInstanceOf(InvalidTelemetryException.class).hasMessageContaining("empty record");
    }

    @Test
    void nodeTotalPowerSumsItsGpus() {
        NodeSample s = new NodeSample(1, T0, "a", "b", "c", "d", "e", List.of(gpu(0, 100.5, 40), gpu(1, 200.25, 40)));
        assertThat(s.totalPowerW()).isEqualTo(300.75);
    }
}
