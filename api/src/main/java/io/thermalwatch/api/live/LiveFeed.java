package io.thermalwatch.api.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Fans one kind of change out to every live client. {@link #publish} is called on a Kafka
 * listener's thread and never waits: each client sits behind its own buffer of
 * {@code bufferSize} changes; when a client reads slower than changes arrive, its oldest buffered
 * change is dropped and counted ({@code thermalwatch_api_live_dropped_total{stream}}), so a slow
 * browser costs itself stale frames, never the listener its pace.
 *
 * @param <T> the change type
 */
final class LiveFeed<T> {

    private final Set<FluxSink<T>> clients = ConcurrentHashMap.newKeySet();
    private final int bufferSize;
    private final Counter dropped;

    LiveFeed(String stream, int bufferSize, MeterRegistry registry) {
        if (bufferSize < 1) {
            throw new IllegalArgumentException("bufferSize must be positive, was " + bufferSize);
        }
        this.bufferSize = bufferSize;
        registry.gaugeCollectionSize("thermalwatch.api.live.clients", Tags.of("stream", stream), clients);
        this.dropped = Counter.builder("thermalwatch.api.live.dropped").tag("stream", stream)
                .description("changes dropped from slow live clients' buffers").register(registry);
    }

    /** Hands {@code change} to every client's buffer; returns at once. */
    void publish(T change) {
        for (FluxSink<T> client : clients) {
            client.next(change);
        }
    }

    /**
     * A client's stream: {@code snapshot}'s items, then every change published after it subscribed.
     * The client is registered before the snapshot is read, so nothing falls between them; a change
     * may then arrive both live and in the snapshot (harmless: every item is a whole state).
     */
    Flux<T> subscribe(Supplier<List<T>> snapshot) {
        return Flux.<T>create(sink -> {
            clients.add(sink);
            sink.onDispose(() -> clients.remove(sink));
            snapshot.get().forEach(sink::next);
        }, FluxSink.OverflowStrategy.IGNORE)
                .onBackpressureBuffer(bufferSize, change -> dropped.increment(), BufferOverflowStrategy.DROP_OLDEST);
    }

    int clients() {
        return clients.size();
    }

    double dropped() {
        return dropped.count();
    }
}
