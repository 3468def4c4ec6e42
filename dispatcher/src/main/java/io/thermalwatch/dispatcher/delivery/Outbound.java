package io.thermalwatch.dispatcher.delivery;

import io.thermalwatch.model.ThermalAlert;

/**
 * One alert state to deliver to every Alertmanager.
 *
 * @param key       the alert at Alertmanager: its id and severity (severity is a label, so a severity
 *                  change is another alert there); a newer state with the same key replaces an
 *                  undelivered older one
 * @param alert     the state to send
 * @param partition the alerts topic partition its record came from, or -1
 * @param offset    that record's offset, or {@link #UNTRACKED} for a state whose delivery holds back no
 *                  offset commit (a resend, or a record already committed before a restart)
 */
public record Outbound(String key, ThermalAlert alert, int partition, long offset) {

    public static final long UNTRACKED = -1;

    public Outbound {
        if (key == null || alert == null) {
            throw new IllegalArgumentException("key and alert must be given");
        }
        if (offset < UNTRACKED || offset >= 0 && partition < 0) {
            throw new IllegalArgumentException("a tracked offset needs its partition, was " + partition + "@" + offset);
        }
    }

    public static String keyOf(ThermalAlert alert) {
        return alert.id() + "|" + alert.severity();
    }

    public static Outbound tracked(ThermalAlert alert, int partition, long offset) {
        return new Outbound(keyOf(alert), alert, partition, offset);
    }

    public static Outbound untracked(ThermalAlert alert) {
        return new Outbound(keyOf(alert), alert, -1, UNTRACKED);
    }

    public boolean isTracked() {
        return offset != UNTRACKED;
    }
}
