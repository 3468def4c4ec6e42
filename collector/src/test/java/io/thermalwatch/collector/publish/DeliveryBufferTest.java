package io.thermalwatch.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryBufferTest {

    private static PendingRecord record(int i) {
        return new PendingRecord("t", "k", i, new byte[100]);
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
        assertThat(buffer.poll(0).timestampMs()).isEqualTo(2);
        assertThat(buffer.poll(0).timestampMs()).isEqualTo(3);
    }

    @Test
    void aReturnedRecordIsNextInLine() throws InterruptedException {
        DeliveryBuffer buffer = new DeliveryBuffer(1 << 20);
        buffer.add(record(1));
        buffer.add(record(2));
        PendingRecord first = buffer.poll(0);
        buffer.returnFirst(first);
        assertThat(buffer.poll(0).timestampMs()).isEqualTo(1);
        assertThat(buffer.poll(0).timestampMs()).isEqualTo(2);
        assertThat(buffer.poll(10)).isNull();
        assertThat(buffer.bytes()).isZero();
    }

    @Test
    void aRecordTakenWhileNewerOnesWereDroppedIsDroppedWhenPutBack() throws InterruptedException {
        DeliveryBuffer buffer = new DeliveryBuffer(600);
        buffer.add(new PendingRecord("t", "k", 1, new byte[100])); // 198 bytes
        PendingRecord taken = buffer.poll(0); // the sender tries it while the broker is away...
        buffer.add(new PendingRecord("t", "k", 2, new byte[300])); // 398 bytes
        buffer.add(new PendingRecord("t", "k", 3, new byte[300])); // ...and the full buffer drops 2, newer than it
        buffer.returnFirst(taken); // it would fit (596 <= 600), but it is older than what was dropped
        assertThat(buffer.droppedOldest()).isEqualTo(2);
        assertThat(buffer.poll(0).timestampMs()).isEqualTo(3);
        assertThat(buffer.poll(10)).isNull();
    }

    @Test
    void aRecordPutBackIntoAFullBufferIsTheOneDropped() throws InterruptedException {
        long size = record(0).sizeBytes();
        DeliveryBuffer buffer = new DeliveryBuffer(size * 2);
        buffer.add(record(1));
        PendingRecord taken = buffer.poll(0);
        buffer.add(record(2));
        buffer.add(record(3));
        buffer.returnFirst(taken);
        assertThat(buffer.droppedOldest()).isEqualTo(1);
        assertThat(buffer.bytes()).isLessThanOrEqualTo(size * 2);
        assertThat(buffer.poll(0).timestampMs()).isEqualTo(2);
    }
}
