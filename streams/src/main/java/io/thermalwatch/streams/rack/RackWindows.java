package io.thermalwatch.streams.rack;

import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.TelemetrySerdes;
import io.thermalwatch.model.Topics;
import io.thermalwatch.streams.TopologySettings;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.EmitStrategy;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Per-rack tumbling event-time windows over validated samples. Samples arrive keyed by rack, so
 * grouping needs no repartition. Each window's result is emitted once, when it closes (stream
 * time past end + grace), to {@link Topics#RACK_AGGREGATES}.
 */
public final class RackWindows {

    /** The window store; queryable by name. */
    public static final String STORE = "rack-window-store";

    private RackWindows() {
    }

    public static void addTo(KStream<String, NodeSample> samples, TopologySettings settings) {
        samples.groupByKey(Grouped.with("rack-samples", Serdes.String(), TelemetrySerdes.nodeSample()))
                .windowedBy(TimeWindows.ofSizeAndGrace(settings.windowSize(), settings.grace()))
                .emitStrategy(EmitStrategy.onWindowClose())
                .aggregate(RackWindowAccumulator::new,
                        (rack, sample, acc) -> acc.add(sample),
                        Named.as("rack-window-aggregate"),
                        Materialized.<String, RackWindowAccumulator, WindowStore<Bytes, byte[]>>as(STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(new RackWindowAccumulatorSerde())
                                // A window is emitted only after the record that closes it has been
                                // stored, and storing drops segments older than the retention: with
                                // the minimum retention (size + grace) a rack that goes quiet and
                                // comes back would lose its last window. Keep windows for a while.
                                .withRetention(settings.retention())
                                // With the record cache on, the first emit-on-close range scan walks
                                // every 60 s segment since the epoch in the cache (~8 s of CPU per
                                // task start, measured here); without it the scan visits only the
                                // store's live segments.
                                .withCachingDisabled())
                .toStream(Named.as("rack-window-results"))
                .map((window, acc) -> KeyValue.pair(window.key(),
                        acc.toAggregate(window.key(), window.window().start(), window.window().end())),
                        Named.as("rack-aggregate-from-window"))
                .to(Topics.RACK_AGGREGATES, Produced.with(Serdes.String(), TelemetrySerdes.rackAggregate())
                        .withName("rack-aggregates-sink"));
    }
}
