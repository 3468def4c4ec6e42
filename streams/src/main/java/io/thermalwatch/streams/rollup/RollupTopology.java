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
 * repartitioned by the rollup key. The rollup task's partition then mixes the writes of every
 * upstream task, each at its own pace, so no single clock (stream time, the fastest rack) says when a
 * minute is complete; each rack's own progress does (see {@link RollupProcessor}).
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
     * @param aggregates closed rack windows, keyed by rack id, each rack's in window order (as the rack
     *                   windows close); the record timestamp is not used: each window's own
     *                   {@code windowStartMs} places it
     * @param silence    how long a rack that has not yet sent a window of a later minute holds a minute
     *                   open after its last window, counted while other windows keep arriving: more than
     *                   the longest gap between two of a live rack's windows (the rack window, plus its
     *                   grace for a rack that went quiet, plus a second), 1 s .. 1 h
     * @return the rollups, as written to the topic
     */
    public static KStream<String, FleetRollup> addTo(KStream<String, RackAggregate> aggregates, Duration silence) {
        if (silence.compareTo(Duration.ofSeconds(1)) < 0 || silence.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("rollup silence must be in 1 s .. 1 h, was " + silence);
        }
        KStream<String, FleetRollup> rollups = aggregates
                .flatMap((rack, a) -> a == null ? List.<KeyValue<String, WindowFacts>>of() : List.of(
                        KeyValue.pair(FleetRollup.rowKey(a.site(), a.hall(), a.row()), WindowFacts.of(a)),
                        KeyValue.pair(FleetRollup.hallKey(a.site(), a.hall()), WindowFacts.of(a))),
                        Named.as("rollup-entity-keys"))
                .repartition(Repartitioned.with(Serdes.String(), WindowFactsSerde.serde()).withName(REPARTITION))
                .process(new Supplier(MINUTE.toMillis(), silence.toMillis()), Named.as("rollup-minutes"));
        rollups.to(Topics.ROLLUPS, Produced.with(Serdes.String(), TelemetrySerdes.fleetRollup()).withName("rollups-sink"));
        return rollups;
    }

    /** Supplies the processor and, connected to it, its store: logged, so exactly-once holds it. */
    private record Supplier(long minuteMs, long silenceMs) implements ProcessorSupplier<String, WindowFacts, String, FleetRollup> {

        @Override
        public Processor<String, WindowFacts, String, FleetRollup> get() {
            return new RollupProcessor(minuteMs, silenceMs);
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
