package io.thermalwatch.streams.rack;

import static io.thermalwatch.streams.TopologyHarness.T0;
import static io.thermalwatch.streams.TopologyHarness.gpu;
import static io.thermalwatch.streams.TopologyHarness.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermalwatch.model.ClockEventReasons;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class RackWindowAccumulatorSerdeTest {

    private final RackWindowAccumulatorSerde serde = new RackWindowAccumulatorSerde();

    @Test
    void roundTripsToTheSameAggregate() {
        RackWindowAccumulator acc = new RackWindowAccumulator()
                .add(node("k1", "a", T0, gpu(0, 700.123, 61.5, 70.0, 0), gpu(5, 75.5, 31, null, ClockEventReasons.HW_THERMAL_SLOWDOWN)))
                .add(node("k1", "b", T0 + 1, gpu(63, 1.001, 20, null, 0)));
        byte[] bytes = serde.serializer().serialize("t", acc);
        RackWindowAccumulator back = serde.deserializer().deserialize("t", bytes);
        assertThat(back.toAggregate("k1", T0, T0 + 10_000)).isEqualTo(acc.toAggregate("k1", T0, T0 + 10_000));
        assertThat(back.toAggregate("k1", T0, T0 + 10_000).thermalThrottledGpus()).isEqualTo(1);
    }

    @Test
    void rejectsUnknownStateVersion() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {9}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("version 9");
    }
}
