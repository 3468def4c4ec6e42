package io.thermalwatch.streams.rackstate;

import io.thermalwatch.model.InvalidTelemetryException;
import io.thermalwatch.model.RackAggregate;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A closed window as the rack-aggregates topic carries it: a {@link RackAggregate}, the record
 * stamped with the window's start (rollups bucket by it). Unknown figures (NaN) go out absent. A
 * window whose figures the wire cannot carry (a hostile fleet summing past 100 MW) is logged at
 * WARN and not emitted, instead of failing the stream thread.
 */
public final class AggregateWriter implements FixedKeyProcessor<String, RackOutput, RackAggregate> {

    private static final Logger LOG = LoggerFactory.getLogger(AggregateWriter.class);

    private FixedKeyProcessorContext<String, RackAggregate> context;

    @Override
    public void init(FixedKeyProcessorContext<String, RackAggregate> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, RackOutput> record) {
        WindowResult w = ((RackOutput.Window) record.value()).result();
        RackAggregate aggregate;
        try {
            aggregate = aggregate(w);
        } catch (InvalidTelemetryException e) {
            LOG.warn("rack {} window {}: not emitted, a figure is beyond what the aggregate carries: {}", w.rack(),
                    w.windowStartMs(), e.getMessage());
            return;
        }
        context.forward(record.withValue(aggregate).withTimestamp(w.windowStartMs()));
    }

    /** The wire form of a window; NaN figures become absent ones. */
    public static RackAggregate aggregate(WindowResult w) {
        RackAggregate.Margin margin = Double.isNaN(w.minSlowdownMarginC()) ? null
                : new RackAggregate.Margin(w.minSlowdownMarginC(), w.minMarginNode(), w.minMarginGpu());
        Double supply = known(w.supplyTempC());
        Double ret = known(w.returnTempC());
        return new RackAggregate(RackAggregate.SCHEMA_VERSION, w.site(), w.hall(), w.row(), w.rack(), w.windowStartMs(),
                w.windowEndMs(), w.nodesReporting(), w.gpusReporting(), w.samples(), w.totalPowerW(), w.meanGpuTempC(),
                w.maxGpuTempC(), known(w.maxHbmTempC()), w.thermalThrottledGpus(), w.expectedNodes(), w.expectedGpus(),
                w.powerCappedGpus(), w.powerBrakedGpus(), margin, w.powerBudgetKw(),
                upTo(w.powerBudgetPct(), RackAggregate.MAX_BUDGET_PCT), supply, ret,
                supply == null || ret == null ? null : ret - supply, known(w.flowLpm()), known(w.heatRemovedKw()),
                upTo(w.captureRatio(), RackAggregate.MAX_CAPTURE_RATIO));
    }

    private static Double known(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /** A ratio past what the wire carries (a tiny budget, a near-idle rack) says nothing more: absent. */
    private static Double upTo(double v, double max) {
        return Double.isNaN(v) || v > max ? null : v;
    }
}
