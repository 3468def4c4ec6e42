package io.thermalwatch.streams.rollup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of the rollup store, one byte-ordered key-value store holding four kinds of entry, each
 * kind under its own first byte, each entity (the rollup key, a row's or a hall's) length-prefixed:
 * <ul>
 *   <li>{@code O |entity| entity minute}: an open minute of the entity, empty value; an entity's open
 *       minutes are adjacent and oldest first;</li>
 *   <li>{@code W |entity| entity minute |rack| rack windowStart}: one rack window of that minute, its
 *       {@link WindowFacts} as value; a minute's windows share a prefix;</li>
 *   <li>{@code R |entity| entity rack}: a rack of the entity and the latest window start it sent, 8 bytes;</li>
 *   <li>{@code C |entity| entity}: the end of the entity's latest closed minute, 8 bytes.</li>
 * </ul>
 * Ids are length-prefixed UTF-8, so no id runs into the next part whatever characters it holds; epoch
 * milliseconds are never negative here, so their big-endian bytes sort in time order.
 */
final class RollupStoreKeys {

    static final Bytes ALL_OPEN = Bytes.wrap(new byte[] {'O'});

    private RollupStoreKeys() {
    }

    /** The prefix of the entity's open minutes. */
    static Bytes open(String entity) {
        return Bytes.wrap(entity('O', entity, 0).array());
    }

    static Bytes open(String entity, long minuteMs) {
        return Bytes.wrap(entity('O', entity, 8).putLong(minuteMs).array());
    }

    /** The entity of an open-minute key. */
    static String openEntity(Bytes open) {
        ByteBuffer b = ByteBuffer.wrap(open.get());
        int length = b.getInt(1);
        return new String(open.get(), 5, length, StandardCharsets.UTF_8);
    }

    /** The minute of an open-minute key. */
    static long openMinute(Bytes open) {
        byte[] k = open.get();
        return ByteBuffer.wrap(k).getLong(k.length - 8);
    }

    /** The prefix of every window of one entity's minute. */
    static Bytes windows(String entity, long minuteMs) {
        return Bytes.wrap(entity('W', entity, 8).putLong(minuteMs).array());
    }

    static Bytes window(String entity, long minuteMs, String rack, long windowStartMs) {
        byte[] r = utf8(rack);
        return Bytes.wrap(entity('W', entity, 8 + 4 + r.length + 8).putLong(minuteMs).putInt(r.length).put(r)
                .putLong(windowStartMs).array());
    }

    /** The prefix of the entity's racks. */
    static Bytes racks(String entity) {
        return Bytes.wrap(entity('R', entity, 0).array());
    }

    static Bytes rack(String entity, String rack) {
        byte[] r = utf8(rack);
        return Bytes.wrap(entity('R', entity, r.length).put(r).array());
    }

    /** The rack of a rack key under {@link #racks(String) racks(entity)}. */
    static String rackOf(Bytes rackKey, Bytes racksPrefix) {
        byte[] k = rackKey.get();
        int from = racksPrefix.get().length;
        return new String(k, from, k.length - from, StandardCharsets.UTF_8);
    }

    static Bytes closed(String entity) {
        return Bytes.wrap(entity('C', entity, 0).array());
    }

    static byte[] ms(long ms) {
        return ByteBuffer.allocate(8).putLong(ms).array();
    }

    static long ms(byte[] value) {
        return ByteBuffer.wrap(value).getLong();
    }

    /** A buffer holding kind and length-prefixed entity, with {@code more} bytes left to fill. */
    private static ByteBuffer entity(char kind, String entity, int more) {
        byte[] e = utf8(entity);
        return ByteBuffer.allocate(1 + 4 + e.length + more).put((byte) kind).putInt(e.length).put(e);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
