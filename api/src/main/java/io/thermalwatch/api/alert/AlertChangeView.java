package io.thermalwatch.api.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One alert state change from history (the sink's {@code alert} measurement): when it fired,
 * changed severity or resolved. Ids are decoded as the sink stored them; absent fields are left out.
 *
 * @param timeMs     when the change happened, epoch ms (firing: when the streams app saw it; resolved: {@code endsAtMs})
 * @param time       {@code timeMs} as ISO-8601 UTC
 * @param value      the rule's value at the change, in the rule's unit
 * @param threshold  the trigger of {@code severity}, in the rule's unit
 * @param startsAtMs when the alert started firing, epoch ms
 * @param endsAtMs   when it resolved, epoch ms; absent while firing
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertChangeView(long timeMs, String time, String id, String rule, String severity, String state, String site,
        String hall, String row, String rack, String node, Integer gpu, String loop, Double value, Double threshold,
        Long startsAtMs, Long endsAtMs, String title, String runbookUrl) {
}
