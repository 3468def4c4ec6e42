package io.thermalwatch.streams.state;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A state store whose values live on the heap as plain objects and reach the changelog only when
 * the task commits: each changed key is encoded once per commit, however many records changed it.
 *
 * <p>Why: the stream thread's hot path must not serialize state per record. A rack's state changes
 * with every node sample (~18 nodes a second per NVL72 rack), and re-encoding it per record cost
 * more than everything else in the spike. Kafka Streams flushes every caching store while it
 * prepares a commit, before the transaction with the input offsets commits; this store is such a
 * cache (it implements Kafka Streams' internal {@code CachedStateStore}, as Kafka's own record cache
 * does, checked against 4.3.1 by {@code HeapStoreIT}), so under exactly-once the changelog holds
 * exactly the state that the committed offsets produced. The
 * changelog and its restore are those of the wrapped in-memory store, which Kafka Streams creates
 * and restores as usual; the heap map is (re)loaded from it on first use after a restore.
 *
 * <p>Single-threaded, like every store: only its stream task uses it.
 *
 * @param <V> the value type; a value object may be mutated in place, then {@link #markDirty}
 */
public final class HeapStore<V> implements StateStore, CachedStateStore<Bytes, byte[]> {

    /** Encodes and decodes values for the changelog. */
    public interface Codec<V> {
        byte[] encode(V value);

        V decode(byte[] bytes);
    }

    private final KeyValueStore<Bytes, byte[]> inner;
    private final Codec<V> codec;
    private final Map<String, V> values = new HashMap<>();
    private final Set<String> dirty = new HashSet<>();
    private boolean loaded;
    private StateStoreContext context;

    HeapStore(KeyValueStore<Bytes, byte[]> inner, Codec<V> codec) {
        this.inner = inner;
        this.codec = codec;
    }

    /** The value of a key, or null. */
    public V get(String key) {
        load();
        return values.get(key);
    }

    /** Sets a key's value; it reaches the changelog at the next commit. */
    public void put(String key, V value) {
        load();
        values.put(key, value);
        dirty.add(key);
    }

    /** Records that a value obtained from {@link #get} was changed in place. */
    public void markDirty(String key) {
        dirty.add(key);
    }

    /** Removes a key (a tombstone in the changelog at the next commit). */
    public void delete(String key) {
        load();
        if (values.remove(key) != null) {
            dirty.add(key);
        }
    }

    /** Every entry, read-only; mutate values through {@link #get} and {@link #markDirty}. */
    public Map<String, V> entries() {
        load();
        return Collections.unmodifiableMap(values);
    }

    /** Number of keys changed since the last commit (for metrics and tests). */
    public int dirtyCount() {
        return dirty.size();
    }

    private void load() {
        if (loaded) {
            return;
        }
        try (KeyValueIterator<Bytes, byte[]> it = inner.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> entry = it.next();
                values.put(new String(entry.key.get(), StandardCharsets.UTF_8), codec.decode(entry.value));
            }
        }
        loaded = true;
    }

    private void writeDirty() {
        if (dirty.isEmpty()) {
            return;
        }
        // The changelog layer stamps each record with the current record context, which a commit
        // does not have; give it one, as Kafka's record cache does when it flushes.
        InternalProcessorContext<?, ?> internal = context instanceof InternalProcessorContext<?, ?> ipc ? ipc : null;
        ProcessorRecordContext previous = internal == null ? null : internal.recordContext();
        if (internal != null) {
            internal.setRecordContext(new ProcessorRecordContext(System.currentTimeMillis(), -1, -1, null, new RecordHeaders()));
        }
        try {
            for (String key : dirty) {
                V value = values.get(key);
                inner.put(Bytes.wrap(key.getBytes(StandardCharsets.UTF_8)), value == null ? null : codec.encode(value));
            }
            dirty.clear();
        } finally {
            if (internal != null) {
                internal.setRecordContext(previous);
            }
        }
    }

    @Override
    public void flushCache() {
        writeDirty();
    }

    @Override
    public void clearCache() {
        // the task is closed dirty: what the heap holds was never committed; reload on next use
        values.clear();
        dirty.clear();
        loaded = false;
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Bytes, byte[]> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        writeDirty();
        inner.commit(changelogOffsets);
    }

    @Override
    @SuppressWarnings("deprecation")
    public void flush() {
        writeDirty();
        inner.flush();
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        this.context = context;
        inner.init(context, root);
    }

    @Override
    public void close() {
        values.clear();
        dirty.clear();
        inner.close();
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }
}
