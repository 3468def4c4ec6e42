package io.thermalwatch.streams.rackstate;

import io.thermalwatch.model.CoolantSample;
import io.thermalwatch.model.GpuReading;
import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.RackInventory;
import io.thermalwatch.streams.alert.AlertListener;
import io.thermalwatch.streams.alert.AlertSubject;
import io.thermalwatch.streams.alert.CoolantRules;
import io.thermalwatch.streams.alert.GpuRules;
import io.thermalwatch.streams.alert.RackRules;
import io.thermalwatch.streams.alert.RuleBook;
import io.thermalwatch.streams.alert.Staleness;
import io.thermalwatch.streams.inventory.InventoryLookup;
import io.thermalwatch.streams.inventory.InventoryStore;
import io.thermalwatch.streams.state.HeapStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The streams app's hot path: every validated node and coolant sample updates its rack's state on
 * the heap, runs the per-sample GPU and coolant rules at once, and closes the rack's windows that
 * are due (rack rules and the peer comparison run then). A wall-clock punctuation closes the
 * windows of racks that went quiet while others report, and runs the staleness deadman, whether or
 * not data arrives.
 *
 * <p>Per record this costs hash lookups and arithmetic: no serialization (the state reaches its
 * changelog once per commit, see {@link HeapStore}) and no store lookups that can miss.
 */
public final class RackStateProcessor implements Processor<String, RackInput, String, RackOutput> {

    /** The rack state store, by name. */
    public static final String STORE = "rack-state-store";
    /** How long after a start the deadman waits for a first record before it judges on the wall clock, ms. */
    static final long STARTUP_SETTLE_MS = 10_000;

    private final long windowMs;
    private final long graceMs;
    private final Clock clock;
    private Function<String, RackInventory> inventory;
    private final GpuRules gpuRules;
    private final CoolantRules coolantRules;
    private final RackRules rackRules;
    private final Staleness staleness;
    private final WindowCloser closer;
    private ProcessorContext<String, RackOutput> context;
    private HeapStore<RackState> store;
    private AlertListener alerts;
    /** Latest windowing time of any record of this task. */
    private long taskEventMs = Long.MIN_VALUE;
    /** Latest arrival at Kafka (log-append time) of any record of this task, and when (wall clock) it was processed. */
    private long taskArrivalMs = Long.MIN_VALUE;
    private long taskLastRecordWallMs = Long.MIN_VALUE;
    private long initWallMs;

    /**
     * @param inventory the inventory entry of a rack, or null (a lookup in the global inventory store
     *                  in the topology; a map in tests)
     */
    public RackStateProcessor(Duration window, Duration grace, Clock clock, RuleBook rules,
                              Function<String, RackInventory> inventory) {
        this.windowMs = window.toMillis();
        this.graceMs = grace.toMillis();
        this.clock = clock;
        this.inventory = inventory;
        this.gpuRules = new GpuRules(rules);
        this.coolantRules = new CoolantRules(rules);
        this.rackRules = new RackRules(rules);
        this.staleness = new Staleness(rules);
        this.closer = new WindowCloser(windowMs, rackRules, rules);
    }

    /**
     * A processor that reads the inventory from the global {@link InventoryStore} (the topology's
     * way; tests may pass a map instead).
     */
    public static RackStateProcessor withInventoryStore(Duration window, Duration grace, Clock clock, RuleBook rules) {
        return new RackStateProcessor(window, grace, clock, rules, null);
    }

    @Override
    public void init(ProcessorContext<String, RackOutput> context) {
        this.context = context;
        if (inventory == null) {
            inventory = new InventoryLookup(context.getStateStore(InventoryStore.STORE), clock);
        }
        this.store = context.getStateStore(STORE);
        this.alerts = new AlertForwarder(context);
        initWallMs = clock.millis();
        context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    }

    @Override
    public void process(Record<String, RackInput> record) {
        RackInput in = record.value();
        String rack = in.rack();
        // the record timestamp is the sample's arrival at Kafka (the input topics use log-append
        // time). Windowed at the earlier of its event time and its arrival, so a node whose clock
        // runs fast can never carry its rack's event time past what has arrived, live or while
        // catching up on a backlog
        long arrivalMs = record.timestamp();
        long t = Math.min(in.eventMs(), arrivalMs);
        RackState s = store.get(rack);
        if (s == null) {
            s = new RackState();
            store.put(rack, s);
        }
        long start = t - Math.floorMod(t, windowMs);
        if (start + windowMs <= s.closedUntilMs) {
            context.forward(record.withValue(new RackOutput.Late(in.raw(), "eventMs " + in.eventMs()
                    + " falls in a window of rack " + rack + " that closed at " + s.closedUntilMs)));
            return;
        }
        s.eventTimeMs = Math.max(s.eventTimeMs, t);
        s.lastArrivalMs = Math.max(s.lastArrivalMs, arrivalMs);
        taskEventMs = Math.max(taskEventMs, t);
        taskArrivalMs = Math.max(taskArrivalMs, arrivalMs);
        taskLastRecordWallMs = clock.millis();
        RackWindow window = s.window(start);
        if (in instanceof RackInput.Node node) {
            onNode(s, window, node.sample(), arrivalMs);
        } else if (in instanceof RackInput.Coolant coolant) {
            onCoolant(s, window, coolant.sample(), arrivalMs);
        }
        closer.closeDue(s, rack, s.eventTimeMs - graceMs, inventory.apply(rack), context, alerts);
        store.markDirty(rack);
    }

    /** {@code arrivalMs}: the sample's arrival at Kafka, the time base of the deadman. */
    private void onNode(RackState s, RackWindow window, NodeSample sample, long arrivalMs) {
        if (s.site == null) {
            s.site = sample.site();
            s.hall = sample.hall();
            s.row = sample.row();
        }
        window.add(sample);
        NodeTrack node = s.node(sample.node());
        node.lastSeenMs = Math.max(node.lastSeenMs, arrivalMs);
        if (node.stale.firing() != null) {
            staleness.evaluate(AlertSubject.node(sample.site(), sample.hall(), sample.row(), sample.rack(), sample.node()),
                    node.lastSeenMs, node.lastSeenMs, node.stale, alerts);
        }
        for (GpuReading gpu : sample.gpus()) {
            gpuRules.evaluate(sample, gpu, node.gpu(gpu.index()), alerts);
        }
    }

    private void onCoolant(RackState s, RackWindow window, CoolantSample sample, long arrivalMs) {
        if (s.site == null) {
            s.site = sample.site();
            s.hall = sample.hall();
            s.row = sample.row();
        }
        window.add(sample);
        LoopEntry loop = s.loop(sample.loop());
        loop.lastSeenMs = Math.max(loop.lastSeenMs, arrivalMs);
        if (loop.stale.firing() != null) {
            staleness.evaluate(AlertSubject.loop(sample.site(), sample.hall(), sample.row(), sample.rack(), sample.loop()),
                    loop.lastSeenMs, loop.lastSeenMs, loop.stale, alerts);
        }
        coolantRules.evaluate(sample, inventory.apply(sample.rack()), loop.track, alerts);
    }

    /**
     * Every second of wall clock: close the windows of racks that went quiet while the rest of the
     * task carries on, and run the deadman on every node and loop.
     *
     * <p>A rack is quiet when records that reached Kafka {@code window + grace} after the rack's
     * last one have been processed; its windows then close on the task's event time (the other
     * racks' progress). Judged on arrival times (the broker's log-append time), not on when this
     * app happened to process records: a stall, a restart or a catch-up on a backlog then cannot
     * make a rack whose samples wait a few records behind look quiet. A task whose racks all fall
     * silent keeps their windows open until data resumes; the staleness rule pages meanwhile.
     */
    private void punctuate(long wallMs) {
        long referenceMs = deadmanReferenceMs(clock.millis());
        for (Map.Entry<String, RackState> e : store.entries().entrySet()) {
            RackState s = e.getValue();
            String rack = e.getKey();
            boolean changed = false;
            if (!s.windows.isEmpty() && taskArrivalMs != Long.MIN_VALUE
                    && taskArrivalMs - s.lastArrivalMs >= windowMs + graceMs) {
                changed = closer.closeDue(s, rack, taskEventMs - graceMs, inventory.apply(rack), context, alerts);
            }
            if (s.site != null && referenceMs != Long.MIN_VALUE) {
                changed |= stale(s, rack, referenceMs);
            }
            if (changed) {
                store.markDirty(rack);
            }
        }
    }

    /**
     * "Now" for the deadman, on the arrival time base (a node's silence is measured from its last
     * sample's arrival at Kafka): the newest arrival this task has processed plus the wall time
     * since, never past the wall clock. Live, that is now. While the task catches up on a backlog
     * it is the backlog's time, so nodes whose samples wait in the backlog do not page as silent;
     * when nothing arrives at all it runs on with the wall clock, so the deadman still fires.
     * Right after a start, before any record, the deadman waits {@link #STARTUP_SETTLE_MS} for
     * the backlog's first records, then judges on the wall clock.
     */
    private long deadmanReferenceMs(long nowMs) {
        if (taskArrivalMs == Long.MIN_VALUE) {
            return nowMs - initWallMs >= STARTUP_SETTLE_MS ? nowMs : Long.MIN_VALUE;
        }
        return Math.min(nowMs, taskArrivalMs + Math.max(0, nowMs - taskLastRecordWallMs));
    }

    private boolean stale(RackState s, String rack, long nowMs) {
        boolean changed = false;
        for (Map.Entry<String, NodeTrack> n : s.nodes.entrySet()) {
            changed |= staleness.evaluate(AlertSubject.node(s.site, s.hall, s.row, rack, n.getKey()),
                    n.getValue().lastSeenMs, nowMs, n.getValue().stale, alerts) != null;
        }
        for (Map.Entry<String, LoopEntry> l : s.loops.entrySet()) {
            changed |= staleness.evaluate(AlertSubject.loop(s.site, s.hall, s.row, rack, l.getKey()),
                    l.getValue().lastSeenMs, nowMs, l.getValue().stale, alerts) != null;
        }
        return changed;
    }
}
