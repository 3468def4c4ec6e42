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
    /** Latest windowing time of any record of this task, and when (wall clock) the task last processed one. */
    private long taskEventMs = Long.MIN_VALUE;
    private long taskLastRecordMs = Long.MIN_VALUE;

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
        context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    }

    @Override
    public void process(Record<String, RackInput> record) {
        RackInput in = record.value();
        String rack = in.rack();
        long nowMs = clock.millis();
        // windowed at the earlier of its event time and its arrival at Kafka (the record timestamp:
        // the input topics use log-append time), so a node whose clock runs fast can never carry
        // its rack's event time past what has arrived, live or while catching up on a backlog
        long t = Math.min(in.eventMs(), record.timestamp());
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
        s.lastArrivalMs = nowMs;
        taskEventMs = Math.max(taskEventMs, t);
        taskLastRecordMs = nowMs;
        RackWindow window = s.window(start);
        if (in instanceof RackInput.Node node) {
            onNode(s, window, node.sample(), nowMs);
        } else if (in instanceof RackInput.Coolant coolant) {
            onCoolant(s, window, coolant.sample(), nowMs);
        }
        closer.closeDue(s, rack, s.eventTimeMs - graceMs, inventory.apply(rack), context, alerts);
        store.markDirty(rack);
    }

    private void onNode(RackState s, RackWindow window, NodeSample sample, long nowMs) {
        if (s.site == null) {
            s.site = sample.site();
            s.hall = sample.hall();
            s.row = sample.row();
        }
        window.add(sample);
        NodeTrack node = s.node(sample.node());
        node.lastSeenMs = nowMs;
        if (node.stale.firing() != null) {
            staleness.evaluate(AlertSubject.node(sample.site(), sample.hall(), sample.row(), sample.rack(), sample.node()),
                    nowMs, nowMs, node.stale, alerts);
        }
        for (GpuReading gpu : sample.gpus()) {
            gpuRules.evaluate(sample, gpu, node.gpu(gpu.index()), alerts);
        }
    }

    private void onCoolant(RackState s, RackWindow window, CoolantSample sample, long nowMs) {
        if (s.site == null) {
            s.site = sample.site();
            s.hall = sample.hall();
            s.row = sample.row();
        }
        window.add(sample);
        LoopEntry loop = s.loop(sample.loop());
        loop.lastSeenMs = nowMs;
        if (loop.stale.firing() != null) {
            staleness.evaluate(AlertSubject.loop(sample.site(), sample.hall(), sample.row(), sample.rack(), sample.loop()),
                    nowMs, nowMs, loop.stale, alerts);
        }
        coolantRules.evaluate(sample, inventory.apply(sample.rack()), loop.track, alerts);
    }

    /**
     * Wall clock: close the windows of racks that went quiet while the rest of the task carries on,
     * and run the deadman on every node and loop.
     *
     * <p>A rack is quiet when the task processed records for {@code window + grace} since the
     * rack's last one; its windows then close on the task's event time (the other racks'
     * progress). Not on the wall clock alone: after a restart, during a catch-up or while Kafka is
     * unreachable, wall time says nothing about what has yet to arrive. A task whose racks all
     * fall silent keeps their windows open until data resumes; the staleness rule pages meanwhile.
     */
    private void punctuate(long wallMs) {
        long nowMs = clock.millis();
        for (Map.Entry<String, RackState> e : store.entries().entrySet()) {
            RackState s = e.getValue();
            String rack = e.getKey();
            boolean changed = false;
            if (!s.windows.isEmpty() && taskLastRecordMs - s.lastArrivalMs >= windowMs + graceMs) {
                changed = closer.closeDue(s, rack, taskEventMs - graceMs, inventory.apply(rack), context, alerts);
            }
            if (s.site != null) {
                changed |= stale(s, rack, nowMs);
            }
            if (changed) {
                store.markDirty(rack);
            }
        }
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
