package io.thermalwatch.streams.alert;

/**
 * A rule's trigger and clear levels, with hysteresis: an alert that fired at a level stays at it
 * until the value is past that level's <em>clear</em> threshold, so a value that hovers around the
 * trigger does not flap. Either severity may be absent (null).
 *
 * <p>{@code ABOVE}: breach when {@code value >= trigger}, cleared when {@code value < clear}
 * ({@code clear <= trigger}). {@code BELOW} (margins): breach when {@code value <= trigger}, cleared
 * when {@code value > clear} ({@code clear >= trigger}). The unit is the rule's value unit (°C, %,
 * seconds...).
 */
public record Thresholds(Direction direction, Double warning, Double warningClear, Double critical,
                         Double criticalClear) {

    /** Which side of the threshold is bad. */
    public enum Direction { ABOVE, BELOW }

    public Thresholds {
        if (direction == null) {
            throw new IllegalArgumentException("direction is required");
        }
        if (warning == null && critical == null) {
            throw new IllegalArgumentException("a rule needs a warning or a critical threshold");
        }
        warningClear = checkClear("warning", warning, warningClear, direction);
        criticalClear = checkClear("critical", critical, criticalClear, direction);
        if (warning != null && critical != null && worse(direction, warning, critical)) {
            throw new IllegalArgumentException("the critical threshold " + critical
                    + " must be at least as bad as the warning threshold " + warning);
        }
    }

    /** Thresholds with no hysteresis beyond the trigger itself (clear = trigger). */
    public static Thresholds of(Direction direction, Double warning, Double critical) {
        return new Thresholds(direction, warning, null, critical, null);
    }

    private static Double checkClear(String name, Double trigger, Double clear, Direction direction) {
        if (trigger == null) {
            return null;
        }
        if (!Double.isFinite(trigger)) {
            throw new IllegalArgumentException(name + " threshold must be a finite number");
        }
        Double c = clear == null ? trigger : clear;
        if (worse(direction, c, trigger)) {
            throw new IllegalArgumentException(name + " clear level " + c + " must be on the good side of its trigger "
                    + trigger + " (" + direction.name().toLowerCase() + ")");
        }
        return c;
    }

    /** Whether {@code a} is strictly worse than {@code b} in this direction. */
    private static boolean worse(Direction d, double a, double b) {
        return d == Direction.ABOVE ? a > b : a < b;
    }

    /**
     * The level a value is at, given the severity the alert currently holds (null if not firing):
     * the raw level by the triggers, raised to the current severity while the value has not yet
     * crossed that severity's clear threshold. Null means clear. NaN is clear (no reading).
     */
    public Severity level(double value, Severity current) {
        if (Double.isNaN(value)) {
            return null;
        }
        if (critical != null && (breached(value, critical) || current == Severity.CRITICAL && held(value, criticalClear))) {
            return Severity.CRITICAL;
        }
        if (warning != null && (breached(value, warning) || current != null && held(value, warningClear))) {
            return Severity.WARNING;
        }
        return null;
    }

    /** The trigger of a severity, for annotations. */
    public Double trigger(Severity s) {
        return s == Severity.CRITICAL ? critical : warning;
    }

    private boolean breached(double value, double trigger) {
        return direction == Direction.ABOVE ? value >= trigger : value <= trigger;
    }

    /** Still not past the clear level. */
    private boolean held(double value, double clear) {
        return direction == Direction.ABOVE ? value >= clear : value <= clear;
    }
}
