package io.thermalwatch.demo.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group (the streams app's application id) has committed on a topic, against
 * the topic's end: what an operator's lag dashboard shows, read from outside the app.
 */
final class GroupProgress {

    private final Admin admin;
    private final String groupId;
    private final List<TopicPartition> partitions;

    GroupProgress(Admin admin, String groupId, String... topics) throws Exception {
        this.admin = admin;
        this.groupId = groupId;
        var described = admin.describeTopics(List.of(topics)).allTopicNames().get(30, TimeUnit.SECONDS);
        this.partitions = java.util.Arrays.stream(topics).flatMap(t -> java.util.stream.IntStream
                .range(0, described.get(t).partitions().size()).mapToObj(p -> new TopicPartition(t, p))).toList();
    }

    /** Sum of the group's committed offsets on the topics (0 for a partition with none). */
    long committed() throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        long sum = 0;
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata o = offsets.get(tp);
            sum += o == null ? 0 : o.offset();
        }
        return sum;
    }

    /** Sum of the topic's end offsets. */
    long end() throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                .mapToLong(r -> r.offset()).sum();
    }

    long lag() throws InterruptedException, ExecutionException, TimeoutException {
        long end = end();
        return end - committed();
    }
}
