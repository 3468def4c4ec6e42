package io.thermalwatch.streams.rackstate;

import io.thermalwatch.model.InvalidTelemetryException;
import io.thermalwatch.model.ThermalAlert;
import io.thermalwatch.streams.alert.AlertListener;
import io.thermalwatch.streams.alert.AlertSubject;
import io.thermalwatch.streams.alert.RuleSpec;
import io.thermalwatch.streams.alert.Transition;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns each alert state change into a {@link ThermalAlert} keyed by its stable id and forwards it. */
final class AlertForwarder implements AlertListener {

    private static final Logger LOG = LoggerFactory.getLogger(AlertForwarder.class);

    private final ProcessorContext<String, RackOutput> context;

    AlertForwarder(ProcessorContext<String, RackOutput> context) {
        this.context = context;
    }

    /**
     * {@inheritDoc}
     *
     * <p>An end before the start (a rule judged on arrival times resolved by a sample stamped by a
     * broker clock a little behind the app's) is written as the start: the wire refuses the other,
     * and a refused alert would fail the stream thread on every retry.
     */
    @Override
    public void changed(RuleSpec rule, AlertSubject subject, Transition t, double value, String summary) {
        String id = subject.alertId(rule.id());
        Double threshold = rule.thresholds().trigger(t.severity());
        ThermalAlert alert;
        try {
            alert = new ThermalAlert(ThermalAlert.SCHEMA_VERSION, id, rule.id(), t.severity().word(),
                    t.firing() ? ThermalAlert.FIRING : ThermalAlert.RESOLVED, subject.site(), subject.hall(),
                    subject.row(), subject.rack(), subject.node(), subject.gpu(), subject.loop(), reportable(value),
                    threshold == null ? null : reportable(threshold), t.startsAtMs(),
                    t.firing() ? null : Math.max(t.startsAtMs(), t.endsAtMs()), summary, rule.description(),
                    rule.runbookUrl());
        } catch (InvalidTelemetryException e) {
            // a bug, not bad input (every part was validated on the way in): say so loudly, but do
            // not fail the stream thread, which would retry the same record for ever
            LOG.error("alert {} ({}) could not be written: {}", id, t.firing() ? "firing" : "resolved", e.getMessage());
            return;
        }
        context.forward(new Record<>(id, new RackOutput.Alert(alert), Math.max(t.startsAtMs(), t.endsAtMs())));
    }

    /** A value the wire can carry: finite and within ±{@link ThermalAlert#MAX_ABS_VALUE}, else none. */
    private static Double reportable(double value) {
        return Double.isFinite(value) && Math.abs(value) <= ThermalAlert.MAX_ABS_VALUE ? value : null;
    }
}
