package io.thermalwatch.streams.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Variable-length integers for changelog values (LEB128, as protobuf's): a small number takes one
 * or two bytes instead of eight, which is most of a state record's fields (counts, bit masks, times
 * as differences from a nearby time).
 */
public final class Varints {

    private Varints() {
    }

    /** Writes {@code v} as an unsigned varint (a negative value takes ten bytes). */
    public static void writeUnsigned(DataOutput out, long v) throws IOException {
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    /** Writes {@code v} zigzag-encoded: small negative and positive values both stay short. */
    public static void writeSigned(DataOutput out, long v) throws IOException {
        writeUnsigned(out, (v << 1) ^ (v >> 63));
    }

    public static long readUnsigned(DataInput in) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("varint longer than 10 bytes");
    }

    public static long readSigned(DataInput in) throws IOException {
        long u = readUnsigned(in);
        return (u >>> 1) ^ -(u & 1);
    }
}
