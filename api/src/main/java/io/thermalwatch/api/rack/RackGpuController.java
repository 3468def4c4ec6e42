package io.thermalwatch.api.rack;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.thermalwatch.api.ApiConfig;
import io.thermalwatch.api.history.Ids;
import io.thermalwatch.api.history.InfluxReader;
import io.thermalwatch.api.problem.ProblemException;
import io.thermalwatch.model.ClockEventReasons;
import io.thermalwatch.model.TagValues;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/racks/{rack}/gpus}: each GPU's latest reading in the last
 * {@code thermalwatch.api.replay}, read from InfluxDB's raw {@code gpu} points (one query: the
 * newest point of each series of the rack).
 *
 * <p>Why InfluxDB and not a consumer of the node samples: they are the heaviest topic (one record
 * per node per tick); every API instance folding all of them would repeat work the sink already
 * does and hold every GPU of the fleet in memory, to serve a view asked for one rack at a time.
 * The cost: the view is as fresh as the sink (a batch behind, about a second) and needs InfluxDB
 * (503 problem+json without it). A rack with no GPU point in that window is a 404.
 */
// Needs role: viewer (after the JWT merge).
@Controller("/api/v1/racks")
final class RackGpuController {

    /** Most GPUs listed for one rack (series per query): far above any rack (NVL72: 72). */
    private static final int MAX_GPUS = 4096;

    private final InfluxReader influx;
    private final ApiConfig config;
    private final Clock clock;

    RackGpuController(InfluxReader influx, ApiConfig config, Clock clock) {
        this.influx = influx;
        this.config = config;
        this.clock = clock;
    }

    @Get("/{rack}/gpus")
    RackGpus gpus(@PathVariable String rack) {
        String stored = Ids.stored("rack", rack);
        long now = clock.millis();
        long since = now - Math.max(config.replay().toMillis(), config.staleAfter().toMillis());
        List<InfluxReader.Row> rows = influx.query("SELECT * FROM " + influx.from("raw", "gpu")
                + " WHERE \"rack\" = $rack AND time >= $since GROUP BY * ORDER BY time DESC LIMIT 1 SLIMIT " + MAX_GPUS,
                Map.of("rack", stored, "since", Instant.ofEpochMilli(since).toString()));
        if (rows.isEmpty()) {
            throw ProblemException.notFound("urn:thermalwatch:problem:unknown-rack", "Unknown rack",
                    "no GPU of rack '" + rack + "' has reported in the last "
                            + Math.max(config.replay().toMinutes(), config.staleAfter().toMinutes()) + " minutes");
        }
        List<GpuView> gpus = new ArrayList<>();
        for (InfluxReader.Row row : rows) {
            gpus.add(view(row, now - row.timeMs() > config.staleAfter().toMillis()));
        }
        gpus.sort(Comparator.comparing(GpuView::node).thenComparingInt(GpuView::index));
        return new RackGpus(rack, gpus.size(), gpus);
    }

    private static GpuView view(InfluxReader.Row r, boolean stale) {
        Double temp = r.number("gpuTempC");
        Double slowdown = r.number("slowdownTempC");
        Double reasons = r.number("clockEventReasons");
        Double clock = r.number("smClockMhz");
        return new GpuView(TagValues.decode(r.tags().get("node")), Integer.parseInt(r.tags().get("gpu")), r.text("uuid"),
                r.text("model"), r.number("powerW"), temp, r.number("hbmTempC"), slowdown, r.number("hbmMaxTempC"),
                temp != null && slowdown != null ? slowdown - temp : null, clock == null ? null : clock.longValue(),
                r.number("powerLimitW"), r.number("utilizationPct"), reasons == null ? null : reasons.longValue(),
                reasons == null ? null : names(reasons.longValue()), r.timeMs(), stale);
    }

    /** NVML's clock-event reasons by name, lowest bit first. */
    static List<String> names(long reasons) {
        List<String> names = new ArrayList<>();
        String[] known = {"gpu_idle", "applications_clocks_setting", "sw_power_cap", "hw_slowdown", "sync_boost",
            "sw_thermal_slowdown", "hw_thermal_slowdown", "hw_power_brake_slowdown", "display_clock_setting"};
        for (int bit = 0; bit < known.length; bit++) {
            if ((reasons & (1L << bit)) != 0) {
                names.add(known[bit]);
            }
        }
        if ((reasons & ~((1L << known.length) - 1) & ClockEventReasons.MAX) != 0) {
            names.add("other");
        }
        return names;
    }
}
