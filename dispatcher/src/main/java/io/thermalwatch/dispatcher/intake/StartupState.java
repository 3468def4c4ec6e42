package io.thermalwatch.dispatcher.intake;

import io.thermalwatch.dispatcher.delivery.Outbound;
import io.thermalwatch.model.ThermalAlert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts topic as read from its beginning at start: the latest record per alert id, and from
 * it what to deliver before reading on (see {@link AlertIntake}).
 */
final class StartupState {

    /**
     * Resolved alerts older than this are not sent again at start: as Prometheus keeps sending a
     * resolved alert for 15 min. Alertmanager has expired them by their endsAt long before.
     */
    static final Duration RESOLVED_RETENTION = Duration.ofMinutes(15);

    private final Map<Integer, Long> committed;
    private final long nowMs;
    private final Map<String, AlertIntake.Decoded> latest = new LinkedHashMap<>();

    /**
     * @param committed per partition, the group's committed offset (0 where none)
     * @param nowMs     epoch ms
     */
    StartupState(Map<Integer, Long> committed, long nowMs) {
        this.committed = Map.copyOf(committed);
        this.nowMs = nowMs;
    }

    Map<Integer, Long> committed() {
        return committed;
    }

    void add(AlertIntake.Decoded d) {
        if (d.alert() == null) {
            latest.remove(d.id());
        } else {
            latest.put(d.id(), d);
        }
    }

    /** Restores the firing alerts into {@code firing} and returns the states to deliver. */
    List<Outbound> finish(FiringAlerts firing) {
        List<Outbound> out = new ArrayList<>();
        for (AlertIntake.Decoded d : latest.values()) {
            ThermalAlert a = d.alert();
            firing.restore(a);
            boolean maybeUndelivered = d.offset() >= committed.getOrDefault(d.partition(), 0L);
            if (a.firing()) {
                out.add(maybeUndelivered ? Outbound.tracked(a, d.partition(), d.offset()) : Outbound.untracked(a));
            } else if (maybeUndelivered && a.endsAtMs() >= nowMs - RESOLVED_RETENTION.toMillis()) {
                out.add(Outbound.tracked(a, d.partition(), d.offset()));
            }
        }
        return out;
    }
}
