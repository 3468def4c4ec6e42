package io.thermalwatch.collector.publish;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * A FIFO of records bounded by bytes. When a new record does not fit, the oldest records are
 * dropped (and counted): during a long broker outage the freshest telemetry is the most useful,
 * and memory never grows past {@code capacityBytes}.
 */
final class DeliveryBuffer {

    private final long capacityBytes;
    private final ArrayDeque<PendingRecord> queue = new ArrayDeque<>();
    private long bytes;
    private long droppedOldest;
    private long lastDropNanos;
    /** {@link #droppedOldest} when the last record was taken by {@link #poll}. */
    private long droppedWhenTaken;

    DeliveryBuffer(long capacityBytes) {
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("capacityBytes must be positive");
        }
        this.capacityBytes = capacityBytes;
    }

    /** Appends a record, dropping the oldest ones while the buffer is over capacity; returns how many it dropped. */
    synchronized int add(PendingRecord record) {
        long before = droppedOldest;
        queue.addLast(record);
        bytes += record.sizeBytes();
        dropOldestWhileFull();
        notifyAll();
        return (int) (droppedOldest - before);
    }

    /**
     * Puts back a record that could not be handed to the producer; it stays first in line. It is
     * older than everything queued, so if newer records were dropped since it was taken, or it
     * no longer fits, it is dropped too: the oldest always go first, and the capacity holds.
     */
    synchronized void returnFirst(PendingRecord record) {
        queue.addFirst(record);
        bytes += record.sizeBytes();
        if (droppedOldest > droppedWhenTaken) {
            drop();
        }
        dropOldestWhileFull();
        notifyAll();
    }

    private void dropOldestWhileFull() {
        while (bytes > capacityBytes && !queue.isEmpty()) {
            drop();
        }
    }

    private void drop() {
        bytes -= queue.pollFirst().sizeBytes();
        droppedOldest++;
        lastDropNanos = System.nanoTime();
    }

    /** The oldest record, waiting up to {@code timeoutMs} for one; null if none came. */
    synchronized PendingRecord poll(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (queue.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        PendingRecord r = queue.pollFirst();
        bytes -= r.sizeBytes();
        droppedWhenTaken = droppedOldest;
        return r;
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized int size() {
        return queue.size();
    }

    synchronized long droppedOldest() {
        return droppedOldest;
    }

    /** {@link System#nanoTime()} of the last drop; meaningful only once {@link #droppedOldest()} is positive. */
    synchronized long lastDropNanos() {
        return lastDropNanos;
    }
}
