package io.thermalwatch.dispatcher.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What one Alertmanager has not acknowledged yet: the latest state per alert key, in arrival order.
 * Bounded by the number of distinct alerts (a newer state replaces an older one), however long the
 * Alertmanager stays down. The consumer thread offers; the target's sender takes and acknowledges.
 */
public final class TargetQueue {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final LinkedHashMap<String, Outbound> pending = new LinkedHashMap<>();
    private boolean closed;

    public void offer(List<Outbound> states) {
        if (states.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            for (Outbound o : states) {
                // remove first: the newer state goes to the end, keeping arrival order
                pending.remove(o.key());
                pending.put(o.key(), o);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Up to {@code max} pending states, oldest first; they stay pending until acknowledged. */
    public List<Outbound> peek(int max) {
        lock.lock();
        try {
            List<Outbound> out = new ArrayList<>(Math.min(max, pending.size()));
            Iterator<Outbound> it = pending.values().iterator();
            while (it.hasNext() && out.size() < max) {
                out.add(it.next());
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Drops the given states, unless a newer state for the same key arrived since they were taken. */
    public void acknowledge(List<Outbound> delivered) {
        lock.lock();
        try {
            for (Outbound o : delivered) {
                pending.remove(o.key(), o);
            }
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    /** Per partition, the lowest offset whose state this Alertmanager has not acknowledged. */
    public Map<Integer, Long> lowestPendingOffsets() {
        lock.lock();
        try {
            Map<Integer, Long> out = new HashMap<>();
            for (Outbound o : pending.values()) {
                if (o.isTracked()) {
                    out.merge(o.partition(), o.offset(), Math::min);
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until something is pending, the queue is closed or {@code timeoutMs} passed.
     *
     * @return false once closed
     */
    public boolean awaitWork(long timeoutMs) throws InterruptedException {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            while (!closed && pending.isEmpty() && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    /** Waits {@code timeoutMs} (a retry's backoff) unless closed first; false once closed. */
    public boolean pause(long timeoutMs) throws InterruptedException {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            while (!closed && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
