package io.thermalwatch.streams.state;

import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds a {@link HeapStore} over a logged, uncached in-memory key-value store of the same name
 * (changelog {@code <application.id>-<name>-changelog}). Logging is always on: the store is the
 * state of exactly-once processing.
 */
public final class HeapStoreBuilder<V> implements StoreBuilder<HeapStore<V>> {

    private final String name;
    private final HeapStore.Codec<V> codec;
    private Map<String, String> logConfig = Map.of();

    public HeapStoreBuilder(String name, HeapStore.Codec<V> codec) {
        this.name = name;
        this.codec = codec;
    }

    @Override
    public HeapStore<V> build() {
        KeyValueStore<Bytes, byte[]> inner = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingEnabled(logConfig)
                .withCachingDisabled()
                .build();
        return new HeapStore<>(inner, codec);
    }

    @Override
    public HeapStoreBuilder<V> withCachingEnabled() {
        return this; // the heap map is the cache
    }

    @Override
    public HeapStoreBuilder<V> withCachingDisabled() {
        return this;
    }

    @Override
    public HeapStoreBuilder<V> withLoggingEnabled(Map<String, String> config) {
        this.logConfig = Map.copyOf(config);
        return this;
    }

    @Override
    public HeapStoreBuilder<V> withLoggingDisabled() {
        throw new UnsupportedOperationException("a heap store is always logged: it holds exactly-once state");
    }

    @Override
    public Map<String, String> logConfig() {
        return logConfig;
    }

    @Override
    public boolean loggingEnabled() {
        return true;
    }

    @Override
    public String name() {
        return name;
    }
}
