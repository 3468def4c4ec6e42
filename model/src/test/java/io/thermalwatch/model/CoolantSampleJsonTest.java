package io.thermalwatch.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoolantSampleJsonTest {

    static CoolantSample full() {
        return new CoolantSample(1, Samples.T0, "ams1", "h1", "r01", "r01-k01", "cdu1", "redfish",
                30.0, 48.0, null, 79.6, 103.0, 137.0, 34.0, 25.31, 31.2, 80.0, "Warning",
                List.of(new PumpReading("1", 38.5, "OK"), new PumpReading("2", 0.0, "Critical")),
                List.of(new LeakDetectorReading("Moisture", false, "OK"), new LeakDetectorReading("Overflow", true, "Critical")));
    }

    @Test
    void roundTripsAndComputesDeltaFromBothEnds() {
        CoolantSample s = full();
        assertThat(s.deltaTempC()).isEqualTo(18.0);
        assertThat(s.leaking()).isTrue();
        assertThat(CoolantSampleJson.read(CoolantSampleJson.write(s))).isEqualTo(s);
    }

    @Test
    void absentReadingsStayAbsent() {
        CoolantSample bare = new CoolantSample(1, Samples.T0, "s", "h", "r", "k", "loop", "bms-mqtt",
                null, null, null, null, null, null, null, null, null, null, null, null, null);
        String json = new String(CoolantSampleJson.write(bare), UTF_8);
        assertThat(json).doesNotContain("supplyTempC").doesNotContain("null");
        assertThat(CoolantSampleJson.read(json.getBytes(UTF_8))).isEqualTo(bare);
        assertThat(bare.pumps()).isEmpty();
    }

    @Test
    void nullReadingsAndListsAreAbsent() {
        CoolantSample s = CoolantSampleJson.read(("{\"schemaVersion\":1,\"eventMs\":5,\"site\":\"s\",\"hall\":\"h\",\"row\":\"r\","
                + "\"rack\":\"k\",\"loop\":\"l\",\"source\":\"x\",\"flowLpm\":null,\"health\":null,\"pumps\":null,"
                + "\"leakDetectors\":[{\"id\":\"a\",\"leaking\":true,\"state\":null}]}").getBytes(UTF_8));
        assertThat(s.flowLpm()).isNull();
        assertThat(s.health()).isNull();
        assertThat(s.pumps()).isEmpty();
        assertThat(s.leaking()).isTrue();
    }

    @Test
    void rejectsNegativeFlowNamingTheField() {
        assertThatThrownBy(() -> new CoolantSample(1, Samples.T0, "s", "h", "r", "k", "l", "x", null, null, null,
                -1.0, null, null, null, null, null, null, null, null, null))
                .isInstanceOf(InvalidTelemetryException.class)
                .hasMessage("flowLpm must be in 0..100000 L/min, was -1.0");
        assertThatThrownBy(() -> CoolantSampleJson.read("{\"schemaVersion\":1,\"eventMs\":5,\"site\":\"s\",\"hall\":\"h\",\"row\":\"r\",\"rack\":\"k\",\"loop\":\"l\",\"source\":\"x\",\"leakDetectors\":[{\"id\":\"a\"}]}".getBytes(UTF_8)))
                .hasMessage("leakDetectors[0].leaking is missing");
    }
}
