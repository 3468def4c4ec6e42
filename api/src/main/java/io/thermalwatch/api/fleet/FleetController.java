package io.thermalwatch.api.fleet;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.thermalwatch.api.ApiConfig;
import io.thermalwatch.api.alert.FiringAlertRepository;
import io.thermalwatch.api.history.Ids;
import io.thermalwatch.api.problem.ProblemException;
import io.thermalwatch.api.rack.RackStateRepository;
import io.thermalwatch.model.RackAggregate;
import io.thermalwatch.model.ThermalAlert;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /api/v1/summary[?site=][&hall=][&row=]}: the whole fleet, or the racks and alerts of
 * one site, hall or row (exact ids; filters combine), from the in-memory rack state and firing
 * alerts. A filter that matches no known rack is a 404 problem (a typo should not read as "all
 * quiet"); a blank or over-256-character id is a 400.
 */
// Needs role: viewer (after the JWT merge).
@Controller("/api/v1/summary")
final class FleetController {

    private final RackStateRepository racks;
    private final FiringAlertRepository alerts;
    private final ApiConfig config;
    private final Clock clock;

    FleetController(RackStateRepository racks, FiringAlertRepository alerts, ApiConfig config, Clock clock) {
        this.racks = racks;
        this.alerts = alerts;
        this.config = config;
        this.clock = clock;
    }

    @Get
    FleetSummary summary(@Nullable @QueryValue String site, @Nullable @QueryValue String hall, @Nullable @QueryValue String row) {
        for (String[] p : new String[][] {{"site", site}, {"hall", hall}, {"row", row}}) {
            if (p[1] != null) {
                Ids.stored(p[0], p[1]); // validates only
            }
        }
        List<RackAggregate> inScope = racks.all().stream()
                .filter(a -> matches(site, a.site()) && matches(hall, a.hall()) && matches(row, a.row())).toList();
        if (inScope.isEmpty() && (site != null || hall != null || row != null)) {
            throw ProblemException.notFound("urn:thermalwatch:problem:unknown-scope", "Unknown site, hall or row",
                    "no rack of " + scope(site, hall, row) + " has reported in the last " + config.replay().toMinutes() + " minutes");
        }
        List<ThermalAlert> firing = alerts.firing(a -> matches(site, a.site()) && matches(hall, a.hall()) && matches(row, a.row()));
        return FleetSummary.of(site, hall, row, inScope, firing, clock.millis(), config.staleAfter().toMillis());
    }

    private static boolean matches(String filter, String value) {
        return filter == null || Objects.equals(filter, value);
    }

    private static String scope(String site, String hall, String row) {
        StringBuilder s = new StringBuilder();
        if (site != null) {
            s.append("site '").append(site).append("' ");
        }
        if (hall != null) {
            s.append("hall '").append(hall).append("' ");
        }
        if (row != null) {
            s.append("row '").append(row).append("' ");
        }
        return s.toString().strip();
    }
}
