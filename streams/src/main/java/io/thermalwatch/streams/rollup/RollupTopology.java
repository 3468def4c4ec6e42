package io.thermalwatch.streams.rollup;

import io.thermalwatch.model.FleetRollup;
import io.thermalwatch.model.RackAggregate;
import io.thermalwatch.model.TelemetrySerdes;
import io.thermalwatch.model.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * One-minute row and hall rollups of the rack aggregates, to {@link Topics#ROLLUPS}.
 *
 * <pre>
 * rack aggregates ─▶ rollup-entity-keys (each window twice: row key, hall key)
 *   ─▶ rollup-entities (repartition by key) ─▶ rollup-minutes [rollup-store] ─▶ rollups-sink
 * </pre>
 *
 * <p>Racks of one row or hall sit on many partitions of the aggregates, so their windows are
 * repartitioned by the rollup key. The rollup task's partition then mixes writes of every upstream
 * task, each at its own pace: rollup time (see {@link RollupProcessor}) is the fastest of them, and
 * the grace is what a slower one may lag before its windows miss the minute.
 */
public final class RollupTopology {

    /** The rollup state store (changelog {@code <application.id>-rollup-store-changelog}). */
    public static final String STORE = "rollup-store";
    /** The repartition topic's name part ({@code <application.id>-rollup-entities-repartition}). */
    public static final String REPARTITION = "rollup-entities";
    static final Duration MINUTE = Duration.ofMinutes(1);

    private RollupTopology() {
    }

    /**
     * Adds the rollups to the topology of {@code aggregates} and writes them to {@link Topics#ROLLUPS}.
     *
     * @param aggregates closed rack windows, keyed by rack id (the record timestamp is not used: each
     *                   window's own {@code windowStartMs} places it)
     * @param grace      how far the latest rack-window start may pass a minute's end before the minute
     *                   closes: at least the rack window plus its grace (the time one rack's window
     *                   may close after another's), plus the lag one stream task may have on another;
     *                   0 .. 1 h
     * @return the rollups, as written to the topic
     */
    public static KStream<String, FleetRollup> addTo(KStream<String, RackAggregate> aggregates, Duration grace) {
        if (grace.isNegative() || grace.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("rollup grace must be in 0 .. 1 h, was " + grace);
        }
        KStream<String, FleetRollup> rollups = aggregates
                .flatMap((rack, a) -> a == null ? List.<KeyValue<String, WindowFacts>>of() : List.of(
                        KeyValue.pair(FleetRollup.rowKey(a.site(), a.hall(), a.row()), WindowFacts.of(a)),
                        KeyValue.pair(FleetRollup.hallKey(a.site(), a.hall()), WindowFacts.of(a))),
                        Named.as("rollup-entity-keys"))
                .repartition(Repartitioned.with(Serdes.String(), WindowFactsSerde.serde()).withName(REPARTITION))
                .process(new Supplier(MINUTE.toMillis(), grace.toMillis()), Named.as("rollup-minutes"));
        rollups.to(Topics.ROLLUPS, Produced.with(Serdes.String(), TelemetrySerdes.fleetRollup()).withName("rollups-sink"));
        return rollups;
    }

    /** Supplies the processor and, connected to it, its store: logged, so exactly-once holds it. */
    private record Supplier(long minuteMs, long graceMs) implements ProcessorSupplier<String, WindowFacts, String, FleetRollup> {

        @Override
        public Processor<String, WindowFacts, String, FleetRollup> get() {
            return new RollupProcessor(minuteMs, graceMs);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            StoreBuilder<KeyValueStore<Bytes, byte[]>> store = Stores.keyValueStoreBuilder(
                            Stores.inMemoryKeyValueStore(STORE), Serdes.Bytes(), Serdes.ByteArray())
                    .withLoggingEnabled(Map.of())
                    .withCachingDisabled();
            return Set.of(store);
        }
    }
}
