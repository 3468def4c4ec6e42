package io.thermalwatch.streams.rollup;

import static io.thermalwatch.streams.rollup.RackWindowBuilder.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class WindowFactsSerdeTest {

    @Test
    void everyFigurePresentOrAbsentComesBackAsItWent() {
        WindowFacts full = WindowFacts.of(window("k/🔥" + "x".repeat(250), 1_790_000_040_000L, 61_234.5)
                .at("a/b", "h%1", "\u00a0r").inventory(18, 72, 140.0).throttled(2, 3, 1).temps(71.5, 66.0)
                .margin(-3.25, "n1", 63).coolant(30.0, 44.5, 58.9).reporting(17, 70).build());
        WindowFacts bare = WindowFacts.of(window("k", 0, 0).build());
        for (WindowFacts w : new WindowFacts[] {full, bare}) {
            byte[] bytes = WindowFactsSerde.serde().serializer().serialize("t", w);
            assertThat(WindowFactsSerde.serde().deserializer().deserialize("t", bytes)).isEqualTo(w);
        }
        assertThat(bare.marginNode()).isNull();
        assertThat(bare.capped()).isNull();
        assertThat(bare.heatRemovedKw()).isNull();
        assertThat(WindowFactsSerde.encode(full).length).as("slim: less than the ~700 bytes of the JSON aggregate").isLessThan(400);
        System.out.printf("rollup window facts: %d bytes (all figures, a 256-character rack id), %d bytes (required only)%n",
                WindowFactsSerde.encode(full).length, WindowFactsSerde.encode(bare).length);
    }

    @Test
    void anUnknownVersionOrATruncatedRecordIsASerializationError() {
        byte[] bytes = WindowFactsSerde.encode(WindowFacts.of(window("k", 0, 0).build()));
        byte[] v2 = bytes.clone();
        v2[0] = 2;
        assertThatThrownBy(() -> WindowFactsSerde.decode(v2)).isInstanceOf(SerializationException.class).hasMessageContaining("version 2");
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        assertThatThrownBy(() -> WindowFactsSerde.decode(cut)).isInstanceOf(SerializationException.class).hasMessageContaining("truncated");
    }
}
