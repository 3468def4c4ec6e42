package io.thermalwatch.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;

class ByteSinkTest {

    /** Field writes of every kind, many more bytes than the sink starts with. */
    private static void writeFields(OutputStream target) throws IOException {
        try (DataOutputStream out = new DataOutputStream(target)) {
            for (int i = 0; i < 500; i++) {
                out.writeByte(i);
                out.writeInt(i * 31);
                out.writeLong(-i * 1_000_003L);
                out.writeDouble(i / 7.0);
                out.writeUTF("node-" + i + "-ü");
            }
        }
    }

    @Test
    void holdsExactlyWhatAByteArrayOutputStreamWouldAcrossGrowth() throws IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        writeFields(expected);
        ByteSink sink = new ByteSink(1);
        writeFields(sink);

        assertThat(sink.size()).isEqualTo(expected.size()).isGreaterThan(10_000);
        assertThat(sink.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void toByteArrayIsACopy() {
        ByteSink sink = new ByteSink(16);
        sink.write(1);
        byte[] first = sink.toByteArray();
        sink.write(2);
        assertThat(first).containsExactly(1);
        assertThat(sink.toByteArray()).containsExactly(1, 2);
    }
}
