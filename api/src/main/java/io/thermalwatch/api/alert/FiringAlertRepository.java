package io.thermalwatch.api.alert;

import io.thermalwatch.model.ThermalAlert;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
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
            firing.put(change.id(), change);
            changed = true;
        } else {
            changed = firing.remove(change.id()) != null;
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
        firing.remove(id);
    }

    /** The firing alerts that {@code filter} accepts, most urgent first ({@link #MOST_URGENT_FIRST}). */
    public List<ThermalAlert> firing(Predicate<ThermalAlert> filter) {
        return firing.values().stream().filter(filter).sorted(MOST_URGENT_FIRST).toList();
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
