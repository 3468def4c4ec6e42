package io.thermalwatch.streams;

import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.Topics;
import io.thermalwatch.streams.deadletter.DeadLetterRouter;
import io.thermalwatch.streams.rack.RackWindows;
import io.thermalwatch.streams.validate.FutureSampleReport;
import io.thermalwatch.streams.validate.SampleValidator;
import io.thermalwatch.streams.validate.Validated;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The whole streams topology, from one pure method: raw samples are validated; rejects go to the
 * dead-letter topic with their reason; accepted samples feed the per-rack windows, placed by
 * {@code min(eventMs, arrival at Kafka)} so that no node's clock can close another node's windows
 * early (see {@link SampleValidator}).
 *
 * <pre>
 * node-samples ─▶ validate ─┬─ accepted ─▶ rack windows (10 s, on close) ─▶ rack-aggregates
 *                           └─ rejected ─▶ dead-letter headers ─▶ telemetry-dlq
 * </pre>
 */
public final class TelemetryTopology {

    private TelemetryTopology() {
    }

    public static Topology build(TopologySettings settings) {
        StreamsBuilder builder = new StreamsBuilder();
        FutureSampleReport futureSamples = new FutureSampleReport(settings.clock());
        KStream<String, Validated> validated = builder
                .stream(Topics.NODE_SAMPLES, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("node-samples-source"))
                .processValues(() -> new SampleValidator(settings, futureSamples), Named.as("validate-sample"));

        Map<String, KStream<String, Validated>> branches = validated.split(Named.as("validation-"))
                .branch((rack, v) -> v instanceof Validated.Accepted, Branched.as("accepted"))
                .defaultBranch(Branched.as("rejected"));

        KStream<String, NodeSample> accepted = branches.get("validation-accepted")
                .mapValues(v -> ((Validated.Accepted) v).sample(), Named.as("accepted-sample"));
        RackWindows.addTo(accepted, settings);

        branches.get("validation-rejected")
                .processValues(() -> new DeadLetterRouter(settings.clock()), Named.as("dead-letter-headers"))
                .to(Topics.TELEMETRY_DEAD_LETTER, Produced.with(Serdes.String(), Serdes.ByteArray())
                        .withName("dead-letter-sink"));
        return builder.build();
    }
}
