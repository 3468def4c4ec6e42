package io.thermalwatch.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class RackAggregateJsonTest {

    private static RackAggregate aggregate(Double maxHbm) {
        return new RackAggregate(1, "ams1", "h1", "r01", "r01-k03", 1_790_000_000_000L, 1_790_000_010_000L,
                18, 72, 180, 52_123.75, 48.2, 71.0, maxHbm, 2);
    }

    @Test
    void roundTrips() {
        assertThat(RackAggregateJson.read(RackAggregateJson.write(aggregate(80.5)))).isEqualTo(aggregate(80.5));
        assertThat(RackAggregateJson.read(RackAggregateJson.write(aggregate(null)))).isEqualTo(aggregate(null));
    }

    static RackAggregate full(RackAggregate.Margin margin, Integer capped) {
        return new RackAggregate(1, "ams1", "h1", "r01", "r01-k03", 1_790_000_000_000L, 1_790_000_010_000L,
                18, 72, 180, 52_123.75, 48.2, 71.0, 80.5, 2, 18, 72, capped, 1, margin, 140.0, 37.2,
                30.1, 42.3, 12.2, 70.5, 50.9, 0.977);
    }

    @Test
    void roundTripsTheHeatBalanceAndCoverageFields() {
        RackAggregate a = full(new RackAggregate.Margin(7.5, "r01-k03-n07", 2), 3);
        assertThat(RackAggregateJson.read(RackAggregateJson.write(a))).isEqualTo(a);
        RackAggregate noMargin = full(null, null);
        assertThat(new String(RackAggregateJson.write(noMargin), UTF_8)).doesNotContain("minSlowdownMargin").doesNotContain("powerCapped");
        assertThat(RackAggregateJson.read(RackAggregateJson.write(noMargin))).isEqualTo(noMargin);
    }

    @Test
    void theLowestMarginComesWithItsGpu() {
        byte[] noNode = new String(RackAggregateJson.write(full(new RackAggregate.Margin(7.5, "n1", 2), 0)), UTF_8)
                .replace(",\"node\":\"n1\"", "").getBytes(UTF_8);
        assertThatThrownBy(() -> RackAggregateJson.read(noNode)).isInstanceOf(InvalidTelemetryException.class)
                .hasMessageContaining("minSlowdownMargin.node is missing");
        assertThatThrownBy(() -> new RackAggregate.Margin(7.5, "n", 64)).isInstanceOf(InvalidTelemetryException.class);
        assertThatThrownBy(() -> full(null, 73)).isInstanceOf(InvalidTelemetryException.class)
                .hasMessageContaining("powerCappedGpus must be in 0..2147483647 and at most gpusReporting (72), was 73");
    }

    @Test
    void serdeReportsTopicAndField() {
        byte[] bad = "{\"schemaVersion\":1,\"site\":\"s\"}".getBytes(UTF_8);
        assertThatThrownBy(() -> TelemetrySerdes.rackAggregate().deserializer().deserialize("t1", bad))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("bad record on t1 (malformed)")
                .hasMessageContaining("windowStartMs is missing");
    }

    @Test
    void rejectsFiguresOutsideTheirStatedRanges() {
        byte[] nanPower = new String(RackAggregateJson.write(aggregate(null)), UTF_8)
                .replace("\"totalPowerW\":52123.75", "\"totalPowerW\":NaN").getBytes(UTF_8);
        assertThatThrownBy(() -> RackAggregateJson.read(nanPower))
                .isInstanceOf(InvalidTelemetryException.class).hasMessage("totalPowerW must be in 0..100000000 W, was NaN");
        assertThatThrownBy(() -> new RackAggregate(1, "s", "h", "r", "k", -10, 10, 1, 1, 1, 1, 1, 1, null, 0))
                .isInstanceOf(InvalidTelemetryException.class).hasMessage("windowStartMs must be in 0..9007199254740991, was -10");
        assertThatThrownBy(() -> new RackAggregate(1, "s", "h", "r", "k", 0, 10, 1, 1, 1, 1, 151, 1, null, 0))
                .isInstanceOf(InvalidTelemetryException.class).hasMessage("meanGpuTempC must be in -40..150 °C, was 151.0");
    }

    @Test
    void rejectsMoreThrottledThanReporting() {
        assertThatThrownBy(() -> new RackAggregate(1, "s", "h", "r", "k", 0, 10, 1, 1, 1, 1, 1, 1, null, 2))
                .isInstanceOf(InvalidTelemetryException.class);
    }
}
