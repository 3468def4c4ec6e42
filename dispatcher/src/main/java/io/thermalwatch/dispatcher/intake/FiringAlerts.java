package io.thermalwatch.dispatcher.intake;

import io.thermalwatch.dispatcher.delivery.FiringView;
import io.thermalwatch.dispatcher.delivery.Outbound;
import io.thermalwatch.model.ThermalAlert;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts firing now, latest state per alert id: what the periodic resend sends again, and what
 * decides the states a record turns into. Written by the intake thread, read by the senders.
 */
public final class FiringAlerts implements FiringView {

    private final Map<String, ThermalAlert> firing = new HashMap<>();

    /**
     * Folds in one record and returns the states to deliver: the record itself, preceded, when a
     * firing alert changed severity, by the old severity's alert resolved (at Alertmanager they
     * are two alerts: severity is a label; without it the old one would fire on until its endsAt).
     *
     * @param nowMs epoch ms, the resolve time of a replaced severity
     */
    public synchronized List<Outbound> apply(ThermalAlert alert, int partition, long offset, long nowMs) {
        ThermalAlert before = alert.firing() ? firing.put(alert.id(), alert) : firing.remove(alert.id());
        List<Outbound> out = new ArrayList<>(2);
        if (before != null && !before.severity().equals(alert.severity())) {
            out.add(Outbound.tracked(resolved(before, nowMs), partition, offset));
        }
        out.add(Outbound.tracked(alert, partition, offset));
        return out;
    }

    /** Sets the state found at start, with nothing to deliver derived from it. */
    public synchronized void restore(ThermalAlert alert) {
        if (alert.firing()) {
            firing.put(alert.id(), alert);
        } else {
            firing.remove(alert.id());
        }
    }

    /** A tombstone: the alert is gone from the topic. */
    public synchronized void forget(String id) {
        firing.remove(id);
    }

    @Override
    public synchronized List<String> ids() {
        return new ArrayList<>(firing.keySet());
    }

    @Override
    public synchronized ThermalAlert get(String id) {
        return firing.get(id);
    }

    public synchronized List<ThermalAlert> snapshot() {
        return new ArrayList<>(firing.values());
    }

    public synchronized int size() {
        return firing.size();
    }

    static ThermalAlert resolved(ThermalAlert a, long nowMs) {
        return new ThermalAlert(a.schemaVersion(), a.id(), a.rule(), a.severity(), ThermalAlert.RESOLVED, a.site(), a.hall(),
                a.row(), a.rack(), a.node(), a.gpu(), a.loop(), a.value(), a.threshold(), a.startsAtMs(),
                Math.max(a.startsAtMs(), nowMs), a.summary(), a.description(), a.runbookUrl());
    }
}
