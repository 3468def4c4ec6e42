package io.thermalwatch.collector.publish;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * A FIFO of records bounded by bytes. When a new record does not fit, the oldest records are
 * dropped (and counted): during a long broker outage the freshest telemetry is the most useful,
 * and memory never grows past {@code capacityBytes}.
 *
 * <p>Every record gets a sequence number when it is added; "oldest" means the lowest. A record
 * taken for sending and put back ({@link #returnFirst}, from the sender or from the producer's
 * I/O thread, in any order) goes back to its place by sequence, which is ahead of everything still
 * queued, since records are taken in order. If a newer record was dropped meanwhile, the returned
 * one is dropped too: the oldest always go first, whatever was in flight when the drops began.
 */
final class DeliveryBuffer {

    /** A record and its place in line. */
    record Entry(long seq, PendingRecord record) {
        long sizeBytes() {
            return record.sizeBytes();
        }
    }

    private final long capacityBytes;
    private final ArrayDeque<Entry> queue = new ArrayDeque<>();
    /** Records put back, each older than everything in {@link #queue}. */
    private final PriorityQueue<Entry> returned = new PriorityQueue<>(Comparator.comparingLong(Entry::seq));
    private long nextSeq;
    private long bytes;
    private long droppedOldest;
    private long newestDroppedSeq = -1;
    private long lastDropNanos;

    DeliveryBuffer(long capacityBytes) {
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("capacityBytes must be positive");
        }
        this.capacityBytes = capacityBytes;
    }

    /** Appends a record, dropping the oldest ones while the buffer is over capacity; returns how many it dropped. */
    synchronized int add(PendingRecord record) {
        long before = droppedOldest;
        queue.addLast(new Entry(nextSeq++, record));
        bytes += record.sizeBytes();
        dropOldestWhileFull();
        notifyAll();
        return (int) (droppedOldest - before);
    }

    /**
     * Puts back a record that could not be delivered; it goes ahead of everything queued. If a
     * newer record was dropped since it was taken, or it no longer fits, it is dropped (counted).
     */
    synchronized void returnFirst(Entry entry) {
        if (entry.seq() < newestDroppedSeq) {
            countDrop(entry.seq());
            return;
        }
        returned.add(entry);
        bytes += entry.sizeBytes();
        dropOldestWhileFull();
        notifyAll();
    }

    private void dropOldestWhileFull() {
        while (bytes > capacityBytes && size() > 0) {
            Entry oldest = takeOldest();
            bytes -= oldest.sizeBytes();
            countDrop(oldest.seq());
        }
    }

    private void countDrop(long seq) {
        droppedOldest++;
        newestDroppedSeq = Math.max(newestDroppedSeq, seq);
        lastDropNanos = System.nanoTime();
    }

    private Entry takeOldest() {
        return returned.isEmpty() ? queue.pollFirst() : returned.poll();
    }

    /** The oldest record, waiting up to {@code timeoutMs} for one; null if none came. */
    synchronized Entry poll(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (size() == 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        Entry e = takeOldest();
        bytes -= e.sizeBytes();
        return e;
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized int size() {
        return queue.size() + returned.size();
    }

    synchronized long droppedOldest() {
        return droppedOldest;
    }

    /** {@link System#nanoTime()} of the last drop; meaningful only once {@link #droppedOldest()} is positive. */
    synchronized long lastDropNanos() {
        return lastDropNanos;
    }
}
