package io.thermalwatch.streams;

import io.thermalwatch.model.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The two sample topics must (1) stamp records with the broker's append time: the validator windows
 * a sample from a fast clock at that arrival time, which is what keeps one sender's clock from
 * making other samples late (see {@code SampleValidator}); with producer timestamps (CreateTime,
 * which our collectors set to the sample's own event time) that would not hold while the app
 * catches up on a backlog; and (2) have the same number of partitions: both are keyed by rack and
 * one task must see a rack's node and coolant samples together (its heat balance and coolant
 * rules need both). The app refuses to start otherwise, naming the setting and the fix.
 */
final class SampleTopicCheck {

    /** Configs for a sample topic when the app creates it. */
    static final Map<String, String> REQUIRED = Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");

    /** The topics this check covers. */
    static final List<String> TOPICS = List.of(Topics.NODE_SAMPLES, Topics.COOLANT_SAMPLES);

    private SampleTopicCheck() {
    }

    /**
     * @throws IllegalStateException if a sample topic exists with another timestamp type, or the two
     *                               exist with different partition counts (a missing topic passes:
     *                               Kafka Streams reports it)
     */
    static void requireArrivalTimeAndCoPartitioning(Admin admin)
            throws InterruptedException, ExecutionException, TimeoutException {
        for (String name : TOPICS) {
            requireLogAppendTime(admin, name);
        }
        Map<String, TopicDescription> described;
        try {
            described = admin.describeTopics(TOPICS).allTopicNames().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return;
            }
            throw e;
        }
        int nodes = described.get(Topics.NODE_SAMPLES).partitions().size();
        int coolant = described.get(Topics.COOLANT_SAMPLES).partitions().size();
        if (nodes != coolant) {
            throw new IllegalStateException("topic " + Topics.NODE_SAMPLES + " has " + nodes + " partitions and "
                    + Topics.COOLANT_SAMPLES + " has " + coolant + "; they must be equal, so that a rack's node and "
                    + "coolant samples meet in one task (kafka-topics.sh --alter --topic <the smaller> --partitions "
                    + Math.max(nodes, coolant) + ")");
        }
    }

    private static void requireLogAppendTime(Admin admin, String name)
            throws InterruptedException, ExecutionException, TimeoutException {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, name);
        Config config;
        try {
            config = admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return;
            }
            throw e;
        }
        ConfigEntry type = config.get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG);
        if (type == null || !"LogAppendTime".equals(type.value())) {
            throw new IllegalStateException("topic " + name + " has "
                    + TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG + "=" + (type == null ? "unknown" : type.value())
                    + "; it must be LogAppendTime, or a sender whose clock runs fast can make other samples late"
                    + " while the app catches up (kafka-configs.sh --alter --entity-type topics --entity-name "
                    + name + " --add-config " + TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG + "=LogAppendTime)");
        }
    }
}
