package io.thermalwatch.streams.alert;

import io.thermalwatch.streams.state.Varints;

/**
 * The lifecycle state of one alert identity (one rule on one GPU, node, loop or rack): turns the
 * level its rule computes on each evaluation into state changes, applying {@code for},
 * keep-firing-for and flap damping ({@link Lifecycle}). Hysteresis lives in {@link Thresholds}.
 * Mutable and small; not thread-safe (one stream task owns it).
 *
 * <p>Semantics: an alert that is not firing fires at the highest severity whose breach has held for
 * that severity's {@code for}. While firing, it escalates to critical once a critical breach has
 * held for the critical {@code for}, and de-escalates as soon as the level is only a warning. When
 * the level clears it resolves after {@code keepFiringFor} of continuous clear, or after a whole
 * flap window if it has fired {@code maxFlaps} times within one.
 */
public final class AlertState {

    private static final long NONE = Long.MIN_VALUE;

    private Severity firing;
    private long startsAtMs = NONE;
    private long breachSinceMs = NONE;
    private long criticalSinceMs = NONE;
    private long clearSinceMs = NONE;
    /** When it last fired, newest first, for flap damping; only the last {@code maxFlaps} matter. */
    private long[] firedAtMs = new long[0];

    /** Writes this state for a changelog (see {@link #readFrom}). */
    public void writeTo(java.io.DataOutput out) throws java.io.IOException {
        out.writeByte(firing == null ? -1 : firing.ordinal());
        out.writeLong(startsAtMs);
        out.writeLong(breachSinceMs);
        out.writeLong(criticalSinceMs);
        out.writeLong(clearSinceMs);
        out.writeByte(firedAtMs.length);
        for (long t : firedAtMs) {
            out.writeLong(t);
        }
    }

    /**
     * Writes this state compactly (see {@link #readCompact}): a flag byte (severity firing, which times
     * are set), then each set time as a varint difference from {@code baseMs} (a nearby time, such as
     * the rack's event time): a never-used state takes two bytes instead of 34.
     */
    public void writeCompact(java.io.DataOutput out, long baseMs) throws java.io.IOException {
        int flags = (firing == null ? 0 : firing.ordinal() + 1)
                | (startsAtMs != NONE ? 4 : 0) | (breachSinceMs != NONE ? 8 : 0)
                | (criticalSinceMs != NONE ? 16 : 0) | (clearSinceMs != NONE ? 32 : 0);
        out.writeByte(flags);
        writeTime(out, startsAtMs, baseMs);
        writeTime(out, breachSinceMs, baseMs);
        writeTime(out, criticalSinceMs, baseMs);
        writeTime(out, clearSinceMs, baseMs);
        Varints.writeUnsigned(out, firedAtMs.length);
        for (long t : firedAtMs) {
            Varints.writeSigned(out, baseMs - t);
        }
    }

    /** Replaces this state with one written by {@link #writeCompact} with the same {@code baseMs}. */
    public void readCompact(java.io.DataInput in, long baseMs) throws java.io.IOException {
        int flags = in.readUnsignedByte();
        int f = flags & 3;
        firing = f == 0 ? null : Severity.values()[f - 1];
        startsAtMs = (flags & 4) != 0 ? baseMs - Varints.readSigned(in) : NONE;
        breachSinceMs = (flags & 8) != 0 ? baseMs - Varints.readSigned(in) : NONE;
        criticalSinceMs = (flags & 16) != 0 ? baseMs - Varints.readSigned(in) : NONE;
        clearSinceMs = (flags & 32) != 0 ? baseMs - Varints.readSigned(in) : NONE;
        firedAtMs = new long[(int) Varints.readUnsigned(in)];
        for (int i = 0; i < firedAtMs.length; i++) {
            firedAtMs[i] = baseMs - Varints.readSigned(in);
        }
    }

    private static void writeTime(java.io.DataOutput out, long t, long baseMs) throws java.io.IOException {
        if (t != NONE) {
            Varints.writeSigned(out, baseMs - t);
        }
    }

    /** Replaces this state with one written by {@link #writeTo}. */
    public void readFrom(java.io.DataInput in) throws java.io.IOException {
        int f = in.readByte();
        firing = f < 0 ? null : Severity.values()[f];
        startsAtMs = in.readLong();
        breachSinceMs = in.readLong();
        criticalSinceMs = in.readLong();
        clearSinceMs = in.readLong();
        firedAtMs = new long[in.readUnsignedByte()];
        for (int i = 0; i < firedAtMs.length; i++) {
            firedAtMs[i] = in.readLong();
        }
    }

    /** The severity firing now, or null. */
    public Severity firing() {
        return firing;
    }

    /** When the current (or last) breach began, epoch ms. */
    public long startsAtMs() {
        return startsAtMs;
    }

    /** True when nothing is firing or pending: the state can be forgotten. */
    public boolean idle() {
        return firing == null && breachSinceMs == NONE;
    }

    /**
     * Applies one evaluation.
     *
     * @param level  the rule's level now (null: clear), hysteresis already applied
     * @param nowMs  the evaluation time, epoch ms
     * @return the state change, or null when nothing changed
     */
    public Transition evaluate(Severity level, long nowMs, Lifecycle policy) {
        if (level == null) {
            breachSinceMs = NONE;
            criticalSinceMs = NONE;
            return clear(nowMs, policy);
        }
        clearSinceMs = NONE;
        if (breachSinceMs == NONE) {
            breachSinceMs = nowMs;
        }
        if (level == Severity.CRITICAL) {
            if (criticalSinceMs == NONE) {
                criticalSinceMs = nowMs;
            }
        } else {
            criticalSinceMs = NONE;
        }
        boolean criticalDue = criticalSinceMs != NONE && nowMs - criticalSinceMs >= policy.criticalForMs();
        if (firing == null) {
            Severity due = criticalDue ? Severity.CRITICAL
                    : nowMs - breachSinceMs >= policy.warningForMs() ? Severity.WARNING : null;
            if (due == null) {
                return null;
            }
            firing = due;
            startsAtMs = breachSinceMs;
            recordFired(nowMs, policy);
            return new Transition(Transition.Kind.FIRING, firing, startsAtMs, 0);
        }
        Severity target = level == Severity.WARNING ? Severity.WARNING : criticalDue ? Severity.CRITICAL : firing;
        if (target != firing) {
            firing = target;
            return new Transition(Transition.Kind.SEVERITY_CHANGED, firing, startsAtMs, 0);
        }
        return null;
    }

    private Transition clear(long nowMs, Lifecycle policy) {
        if (firing == null) {
            return null;
        }
        if (clearSinceMs == NONE) {
            clearSinceMs = nowMs;
        }
        long hold = flapping(policy) ? Math.max(policy.keepFiringForMs(), policy.flapWindowMs())
                : policy.keepFiringForMs();
        if (nowMs - clearSinceMs < hold) {
            return null;
        }
        Severity last = firing;
        firing = null;
        clearSinceMs = NONE;
        return new Transition(Transition.Kind.RESOLVED, last, startsAtMs, nowMs);
    }

    private void recordFired(long nowMs, Lifecycle policy) {
        if (policy.flapWindowMs() == 0) {
            return;
        }
        int keep = Math.min(policy.maxFlaps(), firedAtMs.length + 1);
        long[] next = new long[keep];
        next[0] = nowMs;
        System.arraycopy(firedAtMs, 0, next, 1, keep - 1);
        firedAtMs = next;
    }

    /** Its last {@code maxFlaps} firings fell within one flap window. */
    private boolean flapping(Lifecycle policy) {
        return policy.flapWindowMs() > 0 && firedAtMs.length >= policy.maxFlaps()
                && firedAtMs[0] - firedAtMs[policy.maxFlaps() - 1] <= policy.flapWindowMs();
    }
}
