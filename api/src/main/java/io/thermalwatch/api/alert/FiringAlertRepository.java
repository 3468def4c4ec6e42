package io.thermalwatch.api.alert;

import io.thermalwatch.model.ThermalAlert;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The alerts firing now, in memory: {@link io.thermalwatch.model.Topics#ALERTS} folded by alert id.
 * Fed by {@link AlertChangeListener}. A firing record replaces whatever the id held (a severity change
 * is a new firing record), a resolved record removes the id. Records are applied in the order they
 * arrive: the topic is keyed by id, so all changes of one alert are on one partition, in the order
 * the streams app wrote them, and that per-id order is the only order the fold needs.
 */
@Singleton
public final class FiringAlertRepository {

    /** Most severe first, then the newest breach first; the id breaks ties so the order is stable. */
    static final Comparator<ThermalAlert> MOST_URGENT_FIRST = Comparator
            .comparing((ThermalAlert a) -> AlertSeverity.of(a.severity())).reversed()
            .thenComparing(Comparator.comparingLong(ThermalAlert::startsAtMs).reversed())
            .thenComparing(ThermalAlert::id);

    private final ConcurrentMap<String, ThermalAlert> firing = new ConcurrentHashMap<>();
    /**
     * The same alerts kept in {@link #MOST_URGENT_FIRST} order as they change: a listing walks it
     * rather than sorting every firing alert on each request (with tens of thousands firing, as in
     * a hall-wide outage, sorting on the event loop made the API stop answering).
     */
    private final ConcurrentSkipListSet<ThermalAlert> ordered = new ConcurrentSkipListSet<>(MOST_URGENT_FIRST);
    /** The same by rack: a rack's page walks that rack's alerts only. */
    private final ConcurrentMap<String, ConcurrentSkipListSet<ThermalAlert>> byRack = new ConcurrentHashMap<>();
    /** Critical alerts in {@link #firing}: criticals-only counts without a walk. */
    private final AtomicInteger critical = new AtomicInteger();
    private final List<Consumer<ThermalAlert>> subscribers = new CopyOnWriteArrayList<>();

    /**
     * Folds one state change in.
     *
     * @return false for the resolution of an alert not known to be firing (it fired before the
     *         oldest record still in the topic, or was resolved already): nothing changes
     */
    public boolean apply(ThermalAlert change) {
        boolean changed;
        if (change.firing()) {
            unindex(firing.put(change.id(), change));
            index(change);
            changed = true;
        } else {
            ThermalAlert before = firing.remove(change.id());
            unindex(before);
            changed = before != null;
        }
        if (changed) {
            for (Consumer<ThermalAlert> s : subscribers) {
                s.accept(change);
            }
        }
        return changed;
    }

    /**
     * Calls {@code subscriber} with every change applied from now on (firing and resolved), on the
     * caller's thread: it must return at once.
     */
    public void subscribe(Consumer<ThermalAlert> subscriber) {
        subscribers.add(subscriber);
    }

    /** Forgets {@code id} (a tombstone on the topic). */
    public void remove(String id) {
        unindex(firing.remove(id));
    }

    // changes come from one listener thread; readers see each index change as it lands
    private void index(ThermalAlert a) {
        ordered.add(a);
        byRack.computeIfAbsent(a.rack(), r -> new ConcurrentSkipListSet<>(MOST_URGENT_FIRST)).add(a);
        if (isCritical(a)) {
            critical.incrementAndGet();
        }
    }

    private void unindex(ThermalAlert a) {
        if (a == null) {
            return;
        }
        ordered.remove(a);
        byRack.computeIfPresent(a.rack(), (r, set) -> {
            set.remove(a);
            return set.isEmpty() ? null : set;
        });
        if (isCritical(a)) {
            critical.decrementAndGet();
        }
    }

    private static boolean isCritical(ThermalAlert a) {
        return AlertSeverity.of(a.severity()) == AlertSeverity.CRITICAL;
    }

    /** The firing alerts that {@code filter} accepts, most urgent first ({@link #MOST_URGENT_FIRST}). */
    public List<ThermalAlert> firing(Predicate<ThermalAlert> filter) {
        return ordered.stream().filter(filter).toList();
    }

    /** What one listing shows: how many alerts {@code filter} accepts, and the most urgent {@code limit} of them. */
    public record Page(int total, List<ThermalAlert> alerts) {
    }

    /**
     * The {@code limit} most urgent firing alerts of {@code rack} (any when null) at or above
     * {@code floor} (any when null), and how many there are. Costs {@code limit} steps (plus the
     * rack's own alerts when a rack is named), not the number firing: with tens of thousands firing
     * in a hall-wide outage, every listing walking all of them made the API fall behind its load.
     */
    public Page firing(AlertSeverity floor, String rack, int limit) {
        boolean criticalOnly = floor == AlertSeverity.CRITICAL;
        java.util.NavigableSet<ThermalAlert> source = rack == null ? ordered : byRack.get(rack);
        if (source == null) { // a rack with nothing firing
            source = java.util.Collections.emptyNavigableSet();
        }
        List<ThermalAlert> first = new ArrayList<>(Math.min(limit, 1024));
        for (ThermalAlert a : source) {
            if (first.size() >= limit || criticalOnly && !isCritical(a)) {
                break; // criticals come first in this order
            }
            first.add(a);
        }
        int total;
        if (rack != null) {
            total = (int) source.stream().filter(a -> !criticalOnly || isCritical(a)).count();
        } else {
            total = criticalOnly ? critical.get() : firing.size();
        }
        return new Page(total, List.copyOf(first));
    }

    /** The {@code limit} most urgent firing alerts that {@code filter} accepts, and how many it accepts: one walk. */
    public Page firing(Predicate<ThermalAlert> filter, int limit) {
        List<ThermalAlert> first = new ArrayList<>(Math.min(limit, 1024));
        int total = 0;
        for (ThermalAlert a : ordered) {
            if (filter.test(a)) {
                total++;
                if (first.size() < limit) {
                    first.add(a);
                }
            }
        }
        return new Page(total, List.copyOf(first));
    }

    /** Every firing alert, most urgent first. */
    public List<ThermalAlert> firing() {
        return firing(a -> true);
    }

    /** How many alerts are firing now, by severity (one pass; the demo prints it each window). */
    public AlertCounts countBySeverity() {
        int critical = 0;
        int warning = 0;
        for (ThermalAlert a : firing.values()) {
            if (AlertSeverity.of(a.severity()) == AlertSeverity.CRITICAL) {
                critical++;
            } else {
                warning++;
            }
        }
        return new AlertCounts(critical, warning);
    }
}
