package io.thermalwatch.api.rack;

import io.thermalwatch.model.RackAggregate;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The latest closed window of each rack, in memory. Fed by {@link RackAggregateListener}; an
 * older window never replaces a newer one, so replays and redeliveries are harmless.
 */
@Singleton
public final class RackStateRepository {

    private final ConcurrentMap<String, RackAggregate> latest = new ConcurrentHashMap<>();

    /** Keeps {@code aggregate} if it is the rack's newest window so far. */
    public void update(RackAggregate aggregate) {
        latest.merge(aggregate.rack(), aggregate,
                (current, incoming) -> incoming.windowStartMs() >= current.windowStartMs() ? incoming : current);
    }

    public Optional<RackAggregate> find(String rack) {
        return Optional.ofNullable(latest.get(rack));
    }

    /** Every rack's latest window, sorted by rack id. */
    public List<RackAggregate> all() {
        return latest.values().stream().sorted(Comparator.comparing(RackAggregate::rack)).toList();
    }
}
