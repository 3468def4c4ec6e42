package io.thermalwatch.api;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * The API's own settings ({@code thermalwatch.api.*} in {@code application.yml}); {@link ApiApplication}
 * sets them from {@code THERMALWATCH_API_STALE_AFTER} and {@code THERMALWATCH_API_REPLAY}, validated
 * by {@link ApiSettings} first.
 *
 * @param staleAfter a rack whose latest window ended longer ago than this is reported {@code stale}
 * @param replay     how far back the API reads the rack-aggregates topic when it starts, to
 *                   rebuild current state
 */
@Context
@ConfigurationProperties("thermalwatch.api")
public record ApiConfig(
        @Bindable(defaultValue = "60s") @NotNull Duration staleAfter,
        @Bindable(defaultValue = "15m") @NotNull Duration replay) {

    public ApiConfig {
        if (staleAfter != null && (staleAfter.isNegative() || staleAfter.isZero())) {
            throw new IllegalArgumentException("thermalwatch.api.stale-after must be positive, was " + staleAfter);
        }
        if (replay != null && replay.isNegative()) {
            throw new IllegalArgumentException("thermalwatch.api.replay must not be negative, was " + replay);
        }
    }

    /** Whether a window that ended at {@code windowEndMs} is stale at {@code nowMs} (both epoch ms). */
    public boolean stale(long windowEndMs, long nowMs) {
        return nowMs - windowEndMs > staleAfter.toMillis();
    }
}
