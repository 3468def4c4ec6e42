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
            ThermalAlert before = firing.put(change.id(), change);
            if (before != null) {
                ordered.remove(before);
            }
            ordered.add(change);
            changed = true;
        } else {
            ThermalAlert before = firing.remove(change.id());
            if (before != null) {
                ordered.remove(before);
            }
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
        ThermalAlert before = firing.remove(id);
        if (before != null) {
            ordered.remove(before);
        }
    }

    /** The firing alerts that {@code filter} accepts, most urgent first ({@link #MOST_URGENT_FIRST}). */
    public List<ThermalAlert> firing(Predicate<ThermalAlert> filter) {
        return ordered.stream().filter(filter).toList();
    }

    /** What one listing shows: how many alerts {@code filter} accepts, and the most urgent {@code limit} of them. */
    public record Page(int total, List<ThermalAlert> alerts) {
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
