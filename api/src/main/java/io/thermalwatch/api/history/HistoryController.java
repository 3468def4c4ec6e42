package io.thermalwatch.api.history;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rack and GPU history from InfluxDB, as JSON ({@link HistoryResponse}) or, with
 * {@code Accept: text/csv}, CSV ({@link HistoryCsv}):
 * {@code GET /api/v1/history/racks/{rack}} and {@code GET /api/v1/history/gpus/{rack}/{node}/{gpu}},
 * each with {@code from}, {@code to}, {@code step}, {@code fields} (see {@link HistoryRange},
 * {@link HistoryField}). A bad parameter is a 400 problem naming it; InfluxDB away is a 503.
 * An id with no points gives empty series, not a 404: history cannot tell "never existed" from
 * "nothing in this window".
 */
// Needs role: analyst (after the JWT merge).
@Controller("/api/v1/history")
final class HistoryController {

    private final HistoryQuery query;
    private final Clock clock;

    HistoryController(HistoryQuery query, Clock clock) {
        this.query = query;
        this.clock = clock;
    }

    @Get(uri = "/racks/{rack}", produces = {MediaType.APPLICATION_JSON, HistoryCsv.CONTENT_TYPE})
    HttpResponse<?> rack(HttpRequest<?> request, @PathVariable String rack, @Nullable @QueryValue String from,
            @Nullable @QueryValue String to, @Nullable @QueryValue String step, @Nullable @QueryValue String fields) {
        Map<String, String> tags = Map.of("rack", Ids.stored("rack", rack));
        List<HistoryField> chosen = HistoryField.parse(HistoryField.Kind.RACK, fields);
        HistoryRange range = HistoryRange.parse(from, to, step, clock.millis());
        return answer(request, response(rack, null, null, range,
                query.series(HistoryField.Kind.RACK, tags, chosen, range)));
    }

    @Get(uri = "/gpus/{rack}/{node}/{gpu}", produces = {MediaType.APPLICATION_JSON, HistoryCsv.CONTENT_TYPE})
    HttpResponse<?> gpu(HttpRequest<?> request, @PathVariable String rack, @PathVariable String node,
            @PathVariable String gpu, @Nullable @QueryValue String from, @Nullable @QueryValue String to,
            @Nullable @QueryValue String step, @Nullable @QueryValue String fields) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("rack", Ids.stored("rack", rack));
        tags.put("node", Ids.stored("node", node));
        int index = gpuIndex(gpu);
        tags.put("gpu", Integer.toString(index));
        List<HistoryField> chosen = HistoryField.parse(HistoryField.Kind.GPU, fields);
        HistoryRange range = HistoryRange.parse(from, to, step, clock.millis());
        return answer(request, response(rack, node, index, range, query.series(HistoryField.Kind.GPU, tags, chosen, range)));
    }

    private static int gpuIndex(String gpu) {
        if (!gpu.matches("\\d{1,2}") || Integer.parseInt(gpu) > 63) {
            throw HistoryRange.invalid("gpu", "gpu must be a GPU index, 0..63");
        }
        return Integer.parseInt(gpu);
    }

    private static HistoryResponse response(String rack, String node, Integer gpu, HistoryRange range, List<HistorySeries> series) {
        return new HistoryResponse(rack, node, gpu, Instant.ofEpochMilli(range.fromMs()).toString(),
                Instant.ofEpochMilli(range.toMs()).toString(), range.fromMs(), range.toMs(), range.stepMs(),
                range.retentionPolicy(), series);
    }

    /** CSV when the client asks for it before JSON, JSON otherwise. */
    private static HttpResponse<?> answer(HttpRequest<?> request, HistoryResponse body) {
        for (MediaType accepted : request.accept()) {
            if (accepted.matches(MediaType.of(HistoryCsv.CONTENT_TYPE))) {
                return HttpResponse.ok(HistoryCsv.write(body)).contentType(HistoryCsv.CONTENT_TYPE + "; charset=utf-8");
            }
            if (accepted.matches(MediaType.APPLICATION_JSON_TYPE)) {
                break;
            }
        }
        return HttpResponse.ok(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
