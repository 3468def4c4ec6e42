package io.thermalwatch.streams.rollup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of the rollup store, one byte-ordered key-value store holding three kinds of entry:
 * <ul>
 *   <li>{@code T}: the task's rollup time (latest rack-window start seen), 8 bytes;</li>
 *   <li>{@code M, minute, entity}: an open (entity, minute), empty value; minute-first, so a prefix scan
 *       visits the open minutes oldest first;</li>
 *   <li>{@code W, |entity|, entity, minute, |rack|, rack, windowStart}: one rack window of the entity's
 *       minute, its {@link WindowFacts} as value; all of one (entity, minute) share a prefix.</li>
 * </ul>
 * Ids are length-prefixed UTF-8, so no id can run into the next part, whatever characters it holds.
 * Epoch milliseconds are never negative here, so big-endian order is time order.
 */
final class RollupStoreKeys {

    static final Bytes TIME = Bytes.wrap(new byte[] {'T'});
    static final Bytes OPEN_PREFIX = Bytes.wrap(new byte[] {'M'});

    private RollupStoreKeys() {
    }

    static Bytes open(long minuteMs, String entity) {
        byte[] e = utf8(entity);
        return Bytes.wrap(ByteBuffer.allocate(1 + 8 + e.length).put((byte) 'M').putLong(minuteMs).put(e).array());
    }

    static long openMinute(Bytes open) {
        return ByteBuffer.wrap(open.get()).getLong(1);
    }

    static String openEntity(Bytes open) {
        byte[] k = open.get();
        return new String(k, 9, k.length - 9, StandardCharsets.UTF_8);
    }

    /** The prefix of every window of one entity's minute. */
    static Bytes windows(String entity, long minuteMs) {
        byte[] e = utf8(entity);
        return Bytes.wrap(ByteBuffer.allocate(1 + 4 + e.length + 8).put((byte) 'W').putInt(e.length).put(e)
                .putLong(minuteMs).array());
    }

    static Bytes window(String entity, long minuteMs, String rack, long windowStartMs) {
        byte[] prefix = windows(entity, minuteMs).get();
        byte[] r = utf8(rack);
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + 4 + r.length + 8).put(prefix).putInt(r.length).put(r)
                .putLong(windowStartMs).array());
    }

    static byte[] time(long ms) {
        return ByteBuffer.allocate(8).putLong(ms).array();
    }

    static long time(byte[] value) {
        return ByteBuffer.wrap(value).getLong();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
