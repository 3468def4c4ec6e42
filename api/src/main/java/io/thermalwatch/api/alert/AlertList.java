package io.thermalwatch.api.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The alerts firing now that a request's filters accept, most severe first, then the newest
 * {@code startsAtMs} first.
 *
 * @param count  number of alerts listed
 * @param alerts the alerts; {@code []} (never absent) when none fires
 */
@Serdeable
public record AlertList(int count, @JsonInclude(JsonInclude.Include.ALWAYS) List<AlertView> alerts) {
}
