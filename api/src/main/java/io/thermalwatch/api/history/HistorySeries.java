package io.thermalwatch.api.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One field's values over a history window.
 *
 * @param field     the field's wire name (unit in the name: {@code totalPowerW} W, {@code gpuTempC} °C)
 * @param unit      its unit
 * @param aggregate how each step folds the points in it: {@code mean}, {@code min} or {@code max}
 * @param points    {@code [timeMs, value]} pairs, oldest first; {@code timeMs} is the step's start
 *                  (epoch ms, aligned to multiples of the step); steps without points are left out
 */
@Serdeable
public record HistorySeries(String field, String unit, String aggregate,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<List<Number>> points) {
}
