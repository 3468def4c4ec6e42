package io.thermalwatch.streams.alert;

/**
 * A change of one alert's state, the only thing the alert engine emits: it fired, its severity
 * changed, or it resolved.
 *
 * @param kind        what changed
 * @param severity    the severity now (for {@code RESOLVED}, the last severity it held)
 * @param startsAtMs  when the breach that fired it began, epoch ms
 * @param endsAtMs    when it resolved, epoch ms; 0 while firing
 */
public record Transition(Kind kind, Severity severity, long startsAtMs, long endsAtMs) {

    public enum Kind { FIRING, SEVERITY_CHANGED, RESOLVED }

    public boolean firing() {
        return kind != Kind.RESOLVED;
    }
}
