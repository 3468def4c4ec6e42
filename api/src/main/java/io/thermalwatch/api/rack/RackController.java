package io.thermalwatch.api.rack;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.thermalwatch.api.ApiConfig;
import io.thermalwatch.api.problem.ProblemException;
import io.thermalwatch.model.RackAggregate;
import java.time.Clock;
import java.util.List;

/** Current rack state: {@code GET /api/v1/racks} and {@code GET /api/v1/racks/{rack}}. */
@Controller("/api/v1/racks")
final class RackController {

    private final RackStateRepository repository;
    private final ApiConfig config;
    private final Clock clock;

    RackController(RackStateRepository repository, ApiConfig config, Clock clock) {
        this.repository = repository;
        this.config = config;
        this.clock = clock;
    }

    /** Every rack with its latest closed window. */
    @Get
    RackList list() {
        long now = clock.millis();
        List<RackView> racks = repository.all().stream().map(a -> view(a, now)).toList();
        double totalPowerW = racks.stream().mapToDouble(RackView::totalPowerW).sum();
        return new RackList(racks.size(), totalPowerW, racks);
    }

    /** One rack's latest closed window; 404 problem+json if the rack has never reported. */
    @Get("/{rack}")
    RackView get(@PathVariable String rack) {
        RackId.check(rack);
        return repository.find(rack).map(a -> view(a, clock.millis()))
                .orElseThrow(() -> ProblemException.notFound("urn:thermalwatch:problem:unknown-rack", "Unknown rack",
                        "no rack '" + rack + "' has reported in the last " + config.replay().toMinutes() + " minutes"));
    }

    private RackView view(RackAggregate a, long nowMs) {
        return RackView.of(a, config.stale(a.windowEndMs(), nowMs));
    }
}
