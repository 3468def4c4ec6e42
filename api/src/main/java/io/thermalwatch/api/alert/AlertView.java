package io.thermalwatch.api.alert;

import io.micronaut.serde.annotation.Serdeable;
import io.thermalwatch.model.ThermalAlert;
import java.time.Instant;

/**
 * A firing alert as the API serves it: every field of the wire {@link ThermalAlert} (units and
 * meanings there), plus its times as ISO-8601 UTC text for people reading the JSON. Absent
 * (null) fields are left out of the JSON, as on the wire.
 *
 * @param startsAt {@code startsAtMs} as ISO-8601 UTC, e.g. {@code 2026-11-28T02:04:10.500Z}
 * @param endsAt   {@code endsAtMs} as ISO-8601 UTC; null while firing
 */
@Serdeable
public record AlertView(
        String id,
        String rule,
        String severity,
        String state,
        String site,
        String hall,
        String row,
        String rack,
        String node,
        Integer gpu,
        String loop,
        Double value,
        Double threshold,
        long startsAtMs,
        String startsAt,
        Long endsAtMs,
        String endsAt,
        String summary,
        String description,
        String runbookUrl,
        int schemaVersion) {

    public static AlertView of(ThermalAlert a) {
        return new AlertView(a.id(), a.rule(), a.severity(), a.state(), a.site(), a.hall(), a.row(), a.rack(),
                a.node(), a.gpu(), a.loop(), a.value(), a.threshold(), a.startsAtMs(), iso(a.startsAtMs()),
                a.endsAtMs(), a.endsAtMs() == null ? null : iso(a.endsAtMs()), a.summary(), a.description(),
                a.runbookUrl(), a.schemaVersion());
    }

    private static String iso(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString();
    }
}
