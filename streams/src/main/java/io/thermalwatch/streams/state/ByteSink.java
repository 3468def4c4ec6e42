package io.thermalwatch.streams.state;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer to encode state values into: a {@link java.io.ByteArrayOutputStream}
 * without its locks. A codec calls it hundreds of times per value (every field of a rack's state),
 * once per changed key and commit, on the stream thread; the uncontended lock of each call cost
 * more than the copying (benchmark profile). Not thread-safe; use one per encode.
 */
public final class ByteSink extends OutputStream {

    private byte[] buf;
    private int size;

    /** @param initialCapacity bytes to start with (it grows as needed) */
    public ByteSink(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    @Override
    public void write(int b) {
        ensure(size + 1);
        buf[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(size + len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    /** A copy of what was written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    public int size() {
        return size;
    }

    private void ensure(int capacity) {
        if (capacity > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(capacity, buf.length * 2));
        }
    }
}
