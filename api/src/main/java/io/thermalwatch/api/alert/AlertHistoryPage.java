package io.thermalwatch.api.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of alert history, oldest change first.
 *
 * @param count  changes on this page
 * @param alerts the changes; {@code []} when none
 * @param next   the path and query of the next page (same filters, {@code cursor} set); absent on the last page
 */
@Serdeable
public record AlertHistoryPage(int count, @JsonInclude(JsonInclude.Include.ALWAYS) List<AlertChangeView> alerts,
        @JsonInclude(JsonInclude.Include.NON_NULL) String next) {
}
