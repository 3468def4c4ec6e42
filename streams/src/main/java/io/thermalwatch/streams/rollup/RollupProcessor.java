package io.thermalwatch.streams.rollup;

import io.thermalwatch.model.FleetRollup;
import io.thermalwatch.model.InvalidTelemetryException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sums rack windows into one-minute rollups per entity (a row or a hall: the record key) and emits
 * each (entity, minute) once, when it closes.
 *
 * <p><b>When a minute closes.</b> The windows of an entity's racks come from many stream tasks, each
 * at its own pace (during a catch-up, minutes apart), but one rack's windows come in order. So the
 * entity remembers each of its racks and the latest window start it sent, and its minute closes when
 * every rack has sent a window of a later minute: a rack that is behind holds the minute, however far
 * ahead the others are. A rack that falls silent holds it only while this task goes on receiving
 * other windows for {@code silence} since the rack's last one; then the rack is forgotten (until it
 * sends again). Silence is counted on the wall clock but only while windows flow (see {@link #flowMs}):
 * after a restart, or while the whole app is stopped, no rack counts as silent. For {@code silence}
 * of wall clock after a start nothing closes, so that every rack with windows to send is known.
 *
 * <p>A window of a minute that has closed (a forgotten rack that comes back late) is left out,
 * counted, and reported at WARN at most once a punctuation. A window given again (same rack and
 * start) counts once; a rack's windows are averaged, not summed ({@link RollupCalculator}).
 *
 * <p>Everything that decides the output is in the logged store. The heap holds a copy of each
 * entity's racks (read from the store on first use: the store's prefix scans copy their keys, too slow
 * to repeat at every rack's turn of the minute) and the racks' arrival times in flow time, which
 * starts at 0 in {@link #init} (a restart gives every rack its full silence again). {@link #init} also runs when a
 * task is revived after an aborted transaction, and clears both.
 */
final class RollupProcessor implements Processor<String, WindowFacts, String, FleetRollup> {

    private static final Logger LOG = LoggerFactory.getLogger(RollupProcessor.class);
    private static final byte[] EMPTY = new byte[0];

    private final long minuteMs;
    private final long silenceMs;
    /** A gap between two windows counts at most this much towards any rack's silence, ms. */
    static final long MAX_GAP_MS = 5_000;

    /** Flow time of the arrival of each entity's racks' latest window on this processor. */
    private final Map<String, Map<String, Long>> arrivals = new HashMap<>();
    /** Each entity's racks and the latest window start each sent: the store's R entries, on the heap. */
    private final Map<String, Map<String, Long>> racks = new HashMap<>();
    private ProcessorContext<String, FleetRollup> context;
    private KeyValueStore<Bytes, byte[]> store;
    /**
     * Flow time, ms: wall-clock time during which windows kept arriving at this processor; each gap
     * between two windows counts at most {@link #MAX_GAP_MS}, so a pause (the app stopped, a broker
     * outage, a restart and its restore) makes no rack look silent. 0 at {@link #init}.
     */
    private long flowMs;
    /** Wall clock of the latest window this processor received, or {@code Long.MIN_VALUE} before the first. */
    private long lastWindowMs;
    /** Wall clock at {@link #init}: no minute closes within {@code silence} of it. */
    private long startedMs;
    private long late;
    private String lastLate;

    RollupProcessor(long minuteMs, long silenceMs) {
        this.minuteMs = minuteMs;
        this.silenceMs = silenceMs;
    }

    @Override
    public void init(ProcessorContext<String, FleetRollup> context) {
        this.context = context;
        this.store = context.getStateStore(RollupTopology.STORE);
        arrivals.clear();
        racks.clear();
        flowMs = 0;
        lastWindowMs = Long.MIN_VALUE;
        startedMs = context.currentSystemTimeMs();
        context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    }

    @Override
    public void process(Record<String, WindowFacts> record) {
        String entity = record.key();
        WindowFacts w = record.value();
        if (entity == null || w == null) {
            return;
        }
        long now = context.currentSystemTimeMs();
        if (lastWindowMs != Long.MIN_VALUE) {
            flowMs += Math.min(Math.max(now - lastWindowMs, 0), MAX_GAP_MS);
        }
        lastWindowMs = now;
        arrivals.computeIfAbsent(entity, e -> new HashMap<>()).put(w.rack(), flowMs);
        long minute = w.startMs() - Math.floorMod(w.startMs(), minuteMs);
        byte[] closedUntil = store.get(RollupStoreKeys.closed(entity));
        if (closedUntil != null && minute < RollupStoreKeys.ms(closedUntil)) {
            late++;
            lastLate = "rack " + w.rack() + " window " + w.startMs() + " for " + entity;
            LOG.debug("rollup: {} arrived after its minute closed", lastLate);
            return;
        }
        Bytes key = RollupStoreKeys.window(entity, minute, w.rack(), w.startMs());
        if (store.get(key) != null) {
            LOG.debug("rollup: rack {} window {} for {} given again; counted once", w.rack(), w.startMs(), entity);
            return;
        }
        store.put(key, WindowFactsSerde.encode(w));
        Bytes open = RollupStoreKeys.open(entity, minute);
        if (store.get(open) == null) {
            store.put(open, EMPTY);
        }
        Map<String, Long> known = racksOf(entity);
        Long previous = known.get(w.rack());
        if (previous == null || w.startMs() > previous) {
            known.put(w.rack(), w.startMs());
            store.put(RollupStoreKeys.rack(entity, w.rack()), RollupStoreKeys.ms(w.startMs()));
            if (previous != null && previous < minute) { // the rack moved on: a minute it held may be done
                closeDue(entity);
            }
        }
    }

    /** The entity's racks (loaded from the store on first use). */
    private Map<String, Long> racksOf(String entity) {
        Map<String, Long> known = racks.get(entity);
        if (known == null) {
            known = new HashMap<>();
            Bytes prefix = RollupStoreKeys.racks(entity);
            try (KeyValueIterator<Bytes, byte[]> it = store.prefixScan(prefix, Serdes.Bytes().serializer())) {
                while (it.hasNext()) {
                    KeyValue<Bytes, byte[]> rack = it.next();
                    known.put(RollupStoreKeys.rackOf(rack.key, prefix), RollupStoreKeys.ms(rack.value));
                }
            }
            racks.put(entity, known);
        }
        return known;
    }

    /** Closes what silence has decided: racks forgotten since the last window. */
    private void punctuate(long wallMs) {
        List<String> entities = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.prefixScan(RollupStoreKeys.ALL_OPEN, Serdes.Bytes().serializer())) {
            String previous = null;
            while (it.hasNext()) {
                String entity = RollupStoreKeys.openEntity(it.next().key);
                if (!entity.equals(previous)) {
                    entities.add(entity);
                    previous = entity;
                }
            }
        }
        entities.forEach(this::closeDue);
        if (late > 0) {
            LOG.warn("rollup: {} rack window(s) arrived after their minute had closed and are in no rollup (a window counts "
                    + "once for its row, once for its hall; a rack is waited for {} ms of silence); the last: {}",
                    late, silenceMs, lastLate);
            late = 0;
        }
    }

    /**
     * Emits and forgets the entity's open minutes, oldest first, while every rack it waits for is past
     * them. Nothing closes within {@code silence} of wall clock after {@link #init}: on a first start
     * (or one whose store lost racks) the processor knows only the racks whose windows it has seen,
     * and the first rack of a row to move past a minute would close it before racks whose upstream
     * tasks have not produced yet are known; the punctuation closes what is due once that time is up.
     */
    private void closeDue(String entity) {
        if (context.currentSystemTimeMs() - startedMs < silenceMs) {
            return;
        }
        List<Bytes> open = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.prefixScan(RollupStoreKeys.open(entity), Serdes.Bytes().serializer())) {
            it.forEachRemaining(kv -> open.add(kv.key));
        }
        for (Bytes key : open) {
            long minute = RollupStoreKeys.openMinute(key);
            if (!everyRackPast(entity, minute + minuteMs)) {
                return;
            }
            emit(entity, minute);
            store.delete(key);
            store.put(RollupStoreKeys.closed(entity), RollupStoreKeys.ms(minute + minuteMs));
        }
    }

    /** Whether every rack of the entity that is not silent has sent a window starting at or after {@code endMs}; forgets silent ones. */
    private boolean everyRackPast(String entity, long endMs) {
        Map<String, Long> arrived = arrivals.getOrDefault(entity, Map.of());
        boolean past = true;
        for (Iterator<Map.Entry<String, Long>> it = racksOf(entity).entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Long> rack = it.next();
            if (rack.getValue() >= endMs) {
                continue;
            }
            if (flowMs - arrived.getOrDefault(rack.getKey(), 0L) >= silenceMs) {
                it.remove(); // silent: no longer waited for, until it sends again
                store.delete(RollupStoreKeys.rack(entity, rack.getKey()));
                arrived.remove(rack.getKey());
            } else {
                past = false;
            }
        }
        return past;
    }

    private void emit(String entity, long minute) {
        SortedMap<String, List<WindowFacts>> racks = new TreeMap<>();
        List<Bytes> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.prefixScan(RollupStoreKeys.windows(entity, minute),
                Serdes.Bytes().serializer())) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> entry = it.next();
                keys.add(entry.key);
                WindowFacts w = WindowFactsSerde.decode(entry.value);
                racks.computeIfAbsent(w.rack(), r -> new ArrayList<>()).add(w);
            }
        }
        keys.forEach(store::delete);
        if (racks.isEmpty()) {
            return;
        }
        racks.values().forEach(ws -> ws.sort((a, b) -> Long.compare(a.startMs(), b.startMs())));
        WindowFacts any = racks.values().iterator().next().get(0);
        boolean hall = entity.equals(FleetRollup.hallKey(any.site(), any.hall()));
        try {
            FleetRollup rollup = RollupCalculator.rollup(hall ? FleetRollup.HALL : FleetRollup.ROW, any.site(), any.hall(),
                    hall ? null : any.row(), minute, minuteMs, racks);
            context.forward(new Record<>(entity, rollup, minute));
        } catch (InvalidTelemetryException e) {
            // only sums beyond what the wire carries (a hall over 1 TW) get here: lose the one rollup, not the app
            LOG.warn("rollup: {} minute {} not emitted: {}", entity, minute, e.getMessage());
        }
    }
}
