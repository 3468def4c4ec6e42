package io.thermalwatch.api.rack;

import io.thermalwatch.model.RackAggregate;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The latest closed window of each rack, in memory. Fed by {@link RackAggregateListener}; an
 * older window never replaces a newer one, so replays and redeliveries are harmless.
 */
@Singleton
public final class RackStateRepository {

    /** By rack id, so that a page of the list costs its own length, not the fleet's. */
    private final ConcurrentNavigableMap<String, RackAggregate> latest = new ConcurrentSkipListMap<>();
    private final List<Consumer<RackAggregate>> subscribers = new CopyOnWriteArrayList<>();

    /**
     * Keeps {@code aggregate} if it is the rack's newest window so far, and then hands it to every
     * subscriber (on the caller's thread: subscribers must not block).
     *
     * @return true when kept
     */
    public boolean update(RackAggregate aggregate) {
        RackAggregate kept = latest.merge(aggregate.rack(), aggregate,
                (current, incoming) -> incoming.windowStartMs() >= current.windowStartMs() ? incoming : current);
        if (kept != aggregate) {
            return false;
        }
        for (Consumer<RackAggregate> s : subscribers) {
            s.accept(aggregate);
        }
        return true;
    }

    /** Calls {@code subscriber} with every window kept from now on; it must return at once. */
    public void subscribe(Consumer<RackAggregate> subscriber) {
        subscribers.add(subscriber);
    }

    /** The newest window of any rack, by window end: how fresh the telemetry is. */
    public Optional<RackAggregate> newest() {
        return latest.values().stream().max(Comparator.comparingLong(RackAggregate::windowEndMs));
    }

    /** How many racks have a window here. */
    public int size() {
        return latest.size();
    }

    public Optional<RackAggregate> find(String rack) {
        return Optional.ofNullable(latest.get(rack));
    }

    /** Every rack's latest window, sorted by rack id. */
    public List<RackAggregate> all() {
        return List.copyOf(latest.values());
    }

    /**
     * Up to {@code limit} racks' latest windows, sorted by rack id, starting after rack id
     * {@code after} (from the first when null).
     */
    public List<RackAggregate> page(String after, int limit) {
        var from = after == null ? latest : latest.tailMap(after, false);
        return from.values().stream().limit(limit).toList();
    }

    /** The sum of every rack's latest mean power, watts. */
    public double totalPowerW() {
        double sum = 0;
        for (RackAggregate a : latest.values()) {
            sum += a.totalPowerW();
        }
        return sum;
    }
}
