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
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The node-samples topic must stamp records with the broker's append time: the validator windows a
 * sample from a fast clock at that arrival time, which is what keeps one node's clock from making
 * other nodes' samples late (see {@code SampleValidator}). With producer timestamps (CreateTime,
 * which our collectors set to the sample's own event time) the guarantee would not hold while the
 * app catches up on a backlog, so the app refuses to start, naming the topic setting.
 */
final class NodeSampleTopicCheck {

    /** Configs for the node-samples topic when the app creates it. */
    static final Map<String, String> REQUIRED = Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");

    private NodeSampleTopicCheck() {
    }

    /**
     * @throws IllegalStateException if the topic exists with another timestamp type (a missing topic
     *                               passes: Kafka Streams reports it)
     */
    static void requireLogAppendTime(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.NODE_SAMPLES);
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
            throw new IllegalStateException("topic " + Topics.NODE_SAMPLES + " has "
                    + TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG + "=" + (type == null ? "unknown" : type.value())
                    + "; it must be LogAppendTime, or a node whose clock runs fast can make other nodes' samples late"
                    + " while the app catches up (kafka-configs.sh --alter --entity-type topics --entity-name "
                    + Topics.NODE_SAMPLES + " --add-config " + TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG
                    + "=LogAppendTime)");
        }
    }
}
