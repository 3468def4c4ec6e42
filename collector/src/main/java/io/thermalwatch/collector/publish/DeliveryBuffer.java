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

    DeliveryBuffer(long capacityBytes) {
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("capacityBytes must be positive");
        }
        this.capacityBytes = capacityBytes;
    }

    /** Appends a record, dropping the oldest ones while the buffer is over capacity. */
    synchronized void add(PendingRecord record) {
        queue.addLast(record);
        bytes += record.sizeBytes();
        while (bytes > capacityBytes && !queue.isEmpty()) {
            bytes -= queue.pollFirst().sizeBytes();
            droppedOldest++;
        }
        notifyAll();
    }

    /** Puts back a record that could not be handed to the producer; it stays first in line. */
    synchronized void returnFirst(PendingRecord record) {
        queue.addFirst(record);
        bytes += record.sizeBytes();
        notifyAll();
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
}
