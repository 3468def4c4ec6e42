package io.thermalwatch.streams;

import io.thermalwatch.model.RackAggregate;
import io.thermalwatch.model.RejectReason;
import io.thermalwatch.model.TelemetrySerdes;
import io.thermalwatch.model.ThermalAlertJson;
import io.thermalwatch.model.Topics;
import io.thermalwatch.streams.deadletter.DeadLetterRouter;
import io.thermalwatch.streams.inventory.InventoryStore;
import io.thermalwatch.streams.rackstate.AggregateWriter;
import io.thermalwatch.streams.rackstate.RackInput;
import io.thermalwatch.streams.rackstate.RackOutput;
import io.thermalwatch.streams.rackstate.RackStateCodec;
import io.thermalwatch.streams.rackstate.RackStateProcessor;
import io.thermalwatch.streams.rollup.RollupTopology;
import io.thermalwatch.streams.state.HeapStoreBuilder;
import io.thermalwatch.streams.validate.FutureSampleReport;
import io.thermalwatch.streams.validate.SampleValidator;
import io.thermalwatch.streams.validate.Validated;
import java.time.Duration;
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
 * The whole streams topology, from one pure method. Node and coolant samples are validated; rejects
 * go to the dead-letter topic with their reason; accepted samples of a rack (both topics keyed by
 * rack, co-partitioned) update that rack's state on the heap, where GPU and coolant rules run per
 * sample, rack windows close (rack rules run then) and a wall-clock punctuation runs the staleness
 * deadman. Every partition's work stays in one task: no repartition on the hot path.
 *
 * <pre>
 * node-samples ────▶ validate ─┐                      ┌─ windows ─▶ rack-aggregates
 *                              ├─ accepted ─▶ rack ───┼─ alerts ──▶ alerts
 * coolant-samples ─▶ validate ─┘   state (heap store) └─ late ────┐
 *                   └─ rejected ──────────────────────────────────┴─▶ dead-letter headers ─▶ telemetry-dlq
 * inventory (compacted) ─▶ global store, read by rack state
 * rack-aggregates ─▶ by row and by hall (repartition) ─▶ 1-minute rollups ─▶ rollups
 * </pre>
 */
public final class TelemetryTopology {

    private TelemetryTopology() {
    }

    public static Topology build(TopologySettings settings) {
        StreamsBuilder builder = new StreamsBuilder();
        InventoryStore.addTo(builder);
        builder.addStateStore(new HeapStoreBuilder<>(RackStateProcessor.STORE, new RackStateCodec()));
        FutureSampleReport futureSamples = new FutureSampleReport(settings.clock());
        KStream<String, Validated> nodes = builder
                .stream(Topics.NODE_SAMPLES, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("node-samples-source"))
                .processValues(() -> new SampleValidator(settings, futureSamples, SampleValidator.NODE),
                        Named.as("validate-node-sample"));
        KStream<String, Validated> coolant = builder
                .stream(Topics.COOLANT_SAMPLES, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("coolant-samples-source"))
                .processValues(() -> new SampleValidator(settings, futureSamples, SampleValidator.COOLANT),
                        Named.as("validate-coolant-sample"));

        Map<String, KStream<String, Validated>> validated = nodes.merge(coolant, Named.as("merge-samples"))
                .split(Named.as("validation-"))
                .branch((rack, v) -> v instanceof Validated.Accepted, Branched.as("accepted"))
                .defaultBranch(Branched.as("rejected"));

        Map<String, KStream<String, RackOutput>> outputs = validated.get("validation-accepted")
                .mapValues(v -> ((Validated.Accepted) v).input(), Named.as("rack-input"))
                .<String, RackOutput>process(() -> RackStateProcessor.withInventoryStore(settings.windowSize(),
                        settings.grace(), settings.clock(), settings.rules()), Named.as("rack-state"), RackStateProcessor.STORE)
                .split(Named.as("rack-"))
                .branch((k, out) -> out instanceof RackOutput.Window, Branched.as("window"))
                .branch((k, out) -> out instanceof RackOutput.Alert, Branched.as("alert"))
                .defaultBranch(Branched.as("late"));

        KStream<String, RackAggregate> aggregates = outputs.get("rack-window")
                .processValues(AggregateWriter::new, Named.as("rack-aggregate"));
        aggregates.to(Topics.RACK_AGGREGATES, Produced.with(Serdes.String(), TelemetrySerdes.rackAggregate())
                .withName("rack-aggregates-sink"));
        RollupTopology.addTo(aggregates, rollupSilence(settings));
        outputs.get("rack-alert")
                .mapValues(out -> ThermalAlertJson.write(((RackOutput.Alert) out).alert()), Named.as("alert-json"))
                .to(Topics.ALERTS, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("alerts-sink"));

        KStream<String, Validated> late = outputs.get("rack-late").mapValues(out -> {
            RackOutput.Late l = (RackOutput.Late) out;
            return (Validated) new Validated.Rejected(RejectReason.LATE, l.message(), l.raw());
        }, Named.as("late-sample"));
        validated.get("validation-rejected").merge(late, Named.as("merge-rejects"))
                .processValues(() -> new DeadLetterRouter(settings.clock()), Named.as("dead-letter-headers"))
                .to(Topics.TELEMETRY_DEAD_LETTER, Produced.with(Serdes.String(), Serdes.ByteArray())
                        .withName("dead-letter-sink"));
        return builder.build();
    }

    /**
     * How long a rack that sends no window holds its row's and hall's minute open: longer than the
     * longest gap between two windows of a live rack (a window, plus its grace when the rack went
     * quiet and others closed it), with 15 s to spare for a busy machine.
     */
    static Duration rollupSilence(TopologySettings settings) {
        return settings.windowSize().plus(settings.grace()).plus(Duration.ofSeconds(15));
    }
}
