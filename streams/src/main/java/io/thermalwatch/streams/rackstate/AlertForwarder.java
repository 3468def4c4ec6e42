package io.thermalwatch.streams.rackstate;

import io.thermalwatch.model.ThermalAlert;
import io.thermalwatch.streams.alert.AlertListener;
import io.thermalwatch.streams.alert.AlertSubject;
import io.thermalwatch.streams.alert.RuleSpec;
import io.thermalwatch.streams.alert.Transition;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Turns each alert state change into a {@link ThermalAlert} keyed by its stable id and forwards it. */
final class AlertForwarder implements AlertListener {

    private final ProcessorContext<String, RackOutput> context;

    AlertForwarder(ProcessorContext<String, RackOutput> context) {
        this.context = context;
    }

    @Override
    public void changed(RuleSpec rule, AlertSubject subject, Transition t, double value, String summary) {
        String id = subject.alertId(rule.id());
        Double threshold = rule.thresholds().trigger(t.severity());
        ThermalAlert alert = new ThermalAlert(ThermalAlert.SCHEMA_VERSION, id, rule.id(), t.severity().word(),
                t.firing() ? ThermalAlert.FIRING : ThermalAlert.RESOLVED, subject.site(), subject.hall(), subject.row(),
                subject.rack(), subject.node(), subject.gpu(), subject.loop(),
                reportable(value), threshold == null ? null : reportable(threshold), t.startsAtMs(), t.firing() ? null : t.endsAtMs(),
                summary, rule.description(), rule.runbookUrl());
        context.forward(new Record<>(id, new RackOutput.Alert(alert), Math.max(t.startsAtMs(), t.endsAtMs())));
    }

    /** A value the wire can carry: finite and within ±{@link ThermalAlert#MAX_ABS_VALUE}, else none. */
    private static Double reportable(double value) {
        return Double.isFinite(value) && Math.abs(value) <= ThermalAlert.MAX_ABS_VALUE ? value : null;
    }
}
