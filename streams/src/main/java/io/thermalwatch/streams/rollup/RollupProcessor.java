package io.thermalwatch.streams.rollup;

import io.thermalwatch.model.FleetRollup;
import io.thermalwatch.model.InvalidTelemetryException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
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
 * <p>Time is the latest rack-window start this task has seen ("rollup time", kept in the store): a
 * minute closes when rollup time reaches its end plus the grace. Not the wall clock (a restart or a
 * catch-up says nothing about what is still to come) and not the record timestamp (whatever the
 * caller stamps, the window's own start decides). A window whose minute has already closed is left
 * out: counted, and reported at WARN at most once per close.
 *
 * <p>Each rack window is one store entry, written once: a window given again (the same rack and
 * start) is ignored, and a rack's windows are averaged, not summed, at close. Per record this is
 * two lookups and one or two small writes; a close reads the minute's windows once and deletes them.
 */
final class RollupProcessor implements Processor<String, WindowFacts, String, FleetRollup> {

    private static final Logger LOG = LoggerFactory.getLogger(RollupProcessor.class);
    private static final byte[] EMPTY = new byte[0];

    private final long minuteMs;
    private final long graceMs;
    private ProcessorContext<String, FleetRollup> context;
    private KeyValueStore<Bytes, byte[]> store;
    private long timeMs = Long.MIN_VALUE;
    private long late;
    private String lastLate;

    RollupProcessor(long minuteMs, long graceMs) {
        this.minuteMs = minuteMs;
        this.graceMs = graceMs;
    }

    @Override
    public void init(ProcessorContext<String, FleetRollup> context) {
        this.context = context;
        this.store = context.getStateStore(RollupTopology.STORE);
        byte[] t = store.get(RollupStoreKeys.TIME);
        timeMs = t == null ? Long.MIN_VALUE : RollupStoreKeys.time(t);
    }

    @Override
    public void process(Record<String, WindowFacts> record) {
        String entity = record.key();
        WindowFacts w = record.value();
        if (entity == null || w == null) {
            return;
        }
        long minute = w.startMs() - Math.floorMod(w.startMs(), minuteMs);
        if (closed(minute)) {
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
        Bytes open = RollupStoreKeys.open(minute, entity);
        if (store.get(open) == null) {
            store.put(open, EMPTY);
        }
        if (w.startMs() > timeMs) {
            timeMs = w.startMs();
            store.put(RollupStoreKeys.TIME, RollupStoreKeys.time(timeMs));
            closeDue();
        }
    }

    private boolean closed(long minute) {
        return timeMs != Long.MIN_VALUE && minute + minuteMs + graceMs <= timeMs;
    }

    /** Emits and forgets every open (entity, minute) that rollup time has closed, oldest minute first. */
    private void closeDue() {
        List<Bytes> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.prefixScan(RollupStoreKeys.OPEN_PREFIX, Serdes.Bytes().serializer())) {
            while (it.hasNext()) {
                Bytes open = it.next().key;
                if (!closed(RollupStoreKeys.openMinute(open))) {
                    break;
                }
                due.add(open);
            }
        }
        for (Bytes open : due) {
            emit(RollupStoreKeys.openEntity(open), RollupStoreKeys.openMinute(open));
            store.delete(open);
        }
        if (late > 0) {
            LOG.warn("rollup: {} rack window(s) arrived after their minute had closed (rollup grace {} ms) and are in "
                    + "no rollup (a window counts once for its row, once for its hall); the last: {}", late, graceMs, lastLate);
            late = 0;
        }
    }

    private void emit(String entity, long minute) {
        SortedMap<String, List<WindowFacts>> racks = new TreeMap<>();
        List<Bytes> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.prefixScan(RollupStoreKeys.windows(entity, minute),
                Serdes.Bytes().serializer())) {
            while (it.hasNext()) {
                var entry = it.next();
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
