package io.thermalwatch.sink.measurement;

import io.thermalwatch.model.ThermalAlert;
import io.thermalwatch.model.ThermalAlertJson;
import io.thermalwatch.model.Topics;
import io.thermalwatch.sink.line.LineBuilder;

/**
 * Alert state changes as Grafana annotations: measurement {@value #MEASUREMENT} with the fields a
 * Grafana InfluxDB annotation query maps ({@code title}, {@code text}, {@code tags}, comma-separated)
 * plus the alert's own fields. Kept in the long retention policy: a few points a minute at most.
 *
 * <p>Time: a resolved alert at its {@code endsAtMs}; a firing one (fired or changed severity) at the
 * Kafka record's timestamp, the event time at which the streams app saw the change (a severity
 * change keeps the alert's {@code startsAtMs}, so stamping that would overwrite the first firing).
 * Both are fixed in the record, so a replay writes the same point. Tags: the topology (node, gpu,
 * loop when the alert has them) and <b>rule</b>: two rules on one subject can change at the same
 * millisecond, and without the tag they would be one point (~20 rules: a bounded factor).
 */
public final class AlertAnnotationLines implements LineEncoder {

    public static final String MEASUREMENT = "alert";

    @Override
    public String topic() {
        return Topics.ALERTS;
    }

    @Override
    public Retention retention() {
        return Retention.DOWNSAMPLED;
    }

    @Override
    public void append(byte[] value, long recordTimestampMs, LineBuilder lines) {
        ThermalAlert a = ThermalAlertJson.read(value);
        long atMs = a.firing() ? recordTimestampMs : a.endsAtMs();
        lines.measurement(MEASUREMENT);
        if (a.gpu() != null) {
            lines.tag("gpu", a.gpu());
        }
        lines.tag("hall", a.hall());
        if (a.loop() != null) {
            lines.tag("loop", a.loop());
        }
        if (a.node() != null) {
            lines.tag("node", a.node());
        }
        lines.tag("rack", a.rack()).tag("row", a.row()).tag("rule", a.rule()).tag("site", a.site())
                .string("title", (a.firing() ? "FIRING " : "RESOLVED ") + a.severity() + ": " + a.rule() + " on " + subject(a))
                .string("text", text(a))
                .string("tags", String.join(",", "thermalwatch", a.state(), a.severity(), a.rule(), a.rack()))
                .string("id", a.id())
                .string("state", a.state())
                .string("severity", a.severity())
                .field("value", a.value())
                .field("threshold", a.threshold())
                .integer("startsAtMs", a.startsAtMs())
                .integer("endsAtMs", a.endsAtMs())
                .string("runbookUrl", a.runbookUrl())
                .end(atMs);
    }

    private static String subject(ThermalAlert a) {
        if (a.node() != null) {
            return a.gpu() != null ? a.node() + " GPU " + a.gpu() : a.node();
        }
        return a.loop() != null ? a.rack() + " loop " + a.loop() : a.rack();
    }

    private static String text(ThermalAlert a) {
        StringBuilder t = new StringBuilder(a.summary());
        if (a.description() != null) {
            t.append('\n').append(a.description());
        }
        if (a.runbookUrl() != null) {
            t.append('\n').append(a.runbookUrl());
        }
        return t.toString();
    }
}
