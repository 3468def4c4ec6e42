package io.thermalwatch.streams.alert;

/**
 * How a rule's level becomes firing and resolved alerts. Times in milliseconds of the rule's clock:
 * event time for rules evaluated on samples, wall-clock time for staleness.
 *
 * @param warningForMs    how long a breach must hold before a warning fires ({@code for})
 * @param criticalForMs   how long a critical breach must hold before the alert fires or escalates as
 *                        critical; 0 fires on the first sample (a leak)
 * @param keepFiringForMs how long a firing alert stays firing after its condition cleared, so a
 *                        value that dips below the trigger for a sample or two does not resolve it
 * @param flapWindowMs    flap damping: an alert that fired {@code maxFlaps} times within this window
 *                        stays firing until its condition has been clear for a whole window
 * @param maxFlaps        see {@code flapWindowMs}; at least 2
 */
public record Lifecycle(long warningForMs, long criticalForMs, long keepFiringForMs, long flapWindowMs, int maxFlaps) {

    public Lifecycle {
        if (warningForMs < 0 || criticalForMs < 0 || keepFiringForMs < 0 || flapWindowMs < 0) {
            throw new IllegalArgumentException("for, keep-firing-for and flap window must not be negative");
        }
        if (maxFlaps < 2) {
            throw new IllegalArgumentException("max flaps must be at least 2, was " + maxFlaps);
        }
    }

    /** Fires at once, resolves at once, never damped: for tests and instantaneous rules. */
    public static Lifecycle immediate() {
        return new Lifecycle(0, 0, 0, 0, Integer.MAX_VALUE);
    }

    long forMs(Severity s) {
        return s == Severity.CRITICAL ? criticalForMs : warningForMs;
    }
}
