package io.thermalwatch.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryBufferTest {

    private static PendingRecord record(int i) {
        return new PendingRecord("t", "k", i, new byte[100]);
    }

    private static long next(DeliveryBuffer buffer) throws InterruptedException {
        return buffer.poll(0).record().timestampMs();
    }

    @Test
    void dropsTheOldestWhenFullAndNeverExceedsItsCapacity() throws InterruptedException {
        long size = record(0).sizeBytes();
        DeliveryBuffer buffer = new DeliveryBuffer(size * 3);
        for (int i = 0; i < 5; i++) {
            buffer.add(record(i));
            assertThat(buffer.bytes()).isLessThanOrEqualTo(size * 3);
        }
        assertThat(buffer.droppedOldest()).isEqualTo(2);
        assertThat(next(buffer)).isEqualTo(2);
        assertThat(next(buffer)).isEqualTo(3);
    }

    @Test
    void aReturnedRecordIsNextInLine() throws InterruptedException {
        DeliveryBuffer buffer = new DeliveryBuffer(1 << 20);
        buffer.add(record(1));
        buffer.add(record(2));
        DeliveryBuffer.Entry first = buffer.poll(0);
        buffer.returnFirst(first);
        assertThat(next(buffer)).isEqualTo(1);
        assertThat(next(buffer)).isEqualTo(2);
        assertThat(buffer.poll(10)).isNull();
        assertThat(buffer.bytes()).isZero();
    }

    @Test
    void recordsReturnedInAnyOrderGoBackInTheOrderTheyCameIn() throws InterruptedException {
        // the producer's I/O thread reports a failed batch record by record; each goes back to its place
        DeliveryBuffer buffer = new DeliveryBuffer(1 << 20);
        for (int i = 1; i <= 5; i++) {
            buffer.add(record(i));
        }
        DeliveryBuffer.Entry a = buffer.poll(0);
        DeliveryBuffer.Entry b = buffer.poll(0);
        DeliveryBuffer.Entry c = buffer.poll(0);
        buffer.returnFirst(b);
        buffer.returnFirst(c);
        buffer.returnFirst(a);
        for (int i = 1; i <= 5; i++) {
            assertThat(next(buffer)).isEqualTo(i);
        }
        assertThat(buffer.size()).isZero();
    }

    @Test
    void aRecordTakenWhileNewerOnesWereDroppedIsDroppedWhenPutBack() throws InterruptedException {
        DeliveryBuffer buffer = new DeliveryBuffer(600);
        buffer.add(new PendingRecord("t", "k", 1, new byte[100])); // 198 bytes
        DeliveryBuffer.Entry taken = buffer.poll(0); // the sender tries it while the broker is away...
        buffer.add(new PendingRecord("t", "k", 2, new byte[300])); // 398 bytes
        buffer.add(new PendingRecord("t", "k", 3, new byte[300])); // ...and the full buffer drops 2, newer than it
        buffer.returnFirst(taken); // it would fit (596 <= 600), but it is older than what was dropped
        assertThat(buffer.droppedOldest()).isEqualTo(2);
        assertThat(next(buffer)).isEqualTo(3);
        assertThat(buffer.poll(10)).isNull();
    }

    @Test
    void anInFlightRecordComingBackAfterLaterTakesIsStillDroppedIfNewerOnesWere() throws InterruptedException {
        long size = record(0).sizeBytes();
        DeliveryBuffer buffer = new DeliveryBuffer(size * 2);
        buffer.add(record(1));
        DeliveryBuffer.Entry inFlight = buffer.poll(0); // handed to the producer
        buffer.add(record(2));
        buffer.add(record(3));
        buffer.add(record(4)); // the full buffer drops 2
        DeliveryBuffer.Entry later = buffer.poll(0); // the sender goes on taking: 3
        buffer.returnFirst(inFlight); // the producer gives 1 back: older than the dropped 2
        assertThat(buffer.droppedOldest()).isEqualTo(2);
        buffer.returnFirst(later);
        assertThat(next(buffer)).isEqualTo(3);
        assertThat(next(buffer)).isEqualTo(4);
        assertThat(buffer.poll(10)).isNull();
    }

    @Test
    void aRecordPutBackIntoAFullBufferIsTheOneDropped() throws InterruptedException {
        long size = record(0).sizeBytes();
        DeliveryBuffer buffer = new DeliveryBuffer(size * 2);
        buffer.add(record(1));
        DeliveryBuffer.Entry taken = buffer.poll(0);
        buffer.add(record(2));
        buffer.add(record(3));
        buffer.returnFirst(taken);
        assertThat(buffer.droppedOldest()).isEqualTo(1);
        assertThat(buffer.bytes()).isLessThanOrEqualTo(size * 2);
        assertThat(next(buffer)).isEqualTo(2);
    }
}
