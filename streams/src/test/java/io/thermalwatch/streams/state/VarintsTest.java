package io.thermalwatch.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class VarintsTest {

    @Test
    void roundTripsEdgesAndKeepsSmallValuesShort() throws IOException {
        long[] values = {0, 1, -1, 63, -64, 64, 127, 128, 300, -300, 1_790_000_000_000L, Integer.MAX_VALUE,
                Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE};
        for (long v : values) {
            assertThat(signedRoundTrip(v)).as("signed %d", v).isEqualTo(v);
            assertThat(unsignedRoundTrip(v)).as("unsigned %d", v).isEqualTo(v);
        }
        assertThat(signedBytes(-64)).isEqualTo(1);
        assertThat(signedBytes(64)).isEqualTo(2);
        assertThat(signedBytes(Long.MIN_VALUE)).isEqualTo(10);
        assertThat(unsignedBytes(127)).isEqualTo(1);
        assertThat(unsignedBytes(128)).isEqualTo(2);
        assertThat(unsignedBytes(-1)).isEqualTo(10);
    }

    private static long signedRoundTrip(long v) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Varints.writeSigned(new DataOutputStream(b), v);
        return Varints.readSigned(new DataInputStream(new ByteArrayInputStream(b.toByteArray())));
    }

    private static long unsignedRoundTrip(long v) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Varints.writeUnsigned(new DataOutputStream(b), v);
        return Varints.readUnsigned(new DataInputStream(new ByteArrayInputStream(b.toByteArray())));
    }

    private static int signedBytes(long v) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Varints.writeSigned(new DataOutputStream(b), v);
        return b.size();
    }

    private static int unsignedBytes(long v) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Varints.writeUnsigned(new DataOutputStream(b), v);
        return b.size();
    }
}
