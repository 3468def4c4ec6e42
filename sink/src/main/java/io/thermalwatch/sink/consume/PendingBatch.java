package io.thermalwatch.sink.consume;

import io.thermalwatch.sink.line.LineBuilder;
import io.thermalwatch.sink.measurement.Retention;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Points read but not yet written, one line-protocol buffer per retention policy, with the offsets
 * to commit once they are written and the first offset of each partition (where to rewind when
 * the batch must be given up). Not thread-safe: the consumer thread's.
 */
final class PendingBatch {

    private final Map<Retention, LineBuilder> lines = new EnumMap<>(Retention.class);
    private final Map<Retention, Boolean> written = new EnumMap<>(Retention.class);
    private final Map<TopicPartition, Long> firstOffsets = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
    private final Map<String, Long> pointsByTopic = new HashMap<>();
    private int records;

    PendingBatch() {
        for (Retention rp : Retention.values()) {
            lines.put(rp, new LineBuilder(new StringBuilder(1 << 20)));
        }
    }

    LineBuilder lines(Retention rp) {
        return lines.get(rp);
    }

    /** Notes a consumed record (written or skipped) and the points it added. */
    void consumed(TopicPartition tp, long offset, String topic, int points) {
        firstOffsets.putIfAbsent(tp, offset);
        commit.put(tp, new OffsetAndMetadata(offset + 1));
        pointsByTopic.merge(topic, (long) points, Long::sum);
        records++;
    }

    int points() {
        int n = 0;
        for (LineBuilder b : lines.values()) {
            n += b.points();
        }
        return n;
    }

    int records() {
        return records;
    }

    boolean isEmpty() {
        return records == 0;
    }

    boolean written(Retention rp) {
        return written.getOrDefault(rp, false) || lines.get(rp).points() == 0;
    }

    void markWritten(Retention rp) {
        written.put(rp, true);
    }

    Map<TopicPartition, OffsetAndMetadata> offsetsToCommit() {
        return commit;
    }

    Map<TopicPartition, Long> firstOffsets() {
        return firstOffsets;
    }

    Map<String, Long> pointsByTopic() {
        return pointsByTopic;
    }

    void clear() {
        lines.values().forEach(LineBuilder::clear);
        written.clear();
        firstOffsets.clear();
        commit.clear();
        pointsByTopic.clear();
        records = 0;
    }
}
