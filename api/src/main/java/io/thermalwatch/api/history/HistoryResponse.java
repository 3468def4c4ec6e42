package io.thermalwatch.api.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A history answer: one series per requested field.
 *
 * @param rack            the rack id, as requested
 * @param node            the node id (GPU history only)
 * @param gpu             the GPU index (GPU history only)
 * @param from            start, inclusive, ISO-8601 UTC
 * @param to              end, exclusive, ISO-8601 UTC
 * @param fromMs          start, epoch ms
 * @param toMs            end, epoch ms
 * @param stepMs          step, ms
 * @param retentionPolicy {@code raw} or {@code one_minute}: where the points were read
 * @param series          one per field, in the order requested
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryResponse(String rack, String node, Integer gpu, String from, String to, long fromMs, long toMs,
        long stepMs, String retentionPolicy, @JsonInclude(JsonInclude.Include.ALWAYS) List<HistorySeries> series) {
}
