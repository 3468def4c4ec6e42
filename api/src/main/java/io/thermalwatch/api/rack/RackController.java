package io.thermalwatch.api.rack;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.thermalwatch.api.ApiConfig;
import io.thermalwatch.api.problem.ProblemException;
import io.thermalwatch.model.RackAggregate;
import java.time.Clock;
import java.util.List;

/**
 * Current rack state: {@code GET /api/v1/racks[?limit=N][&after=RACK]} (racks sorted by id, a page
 * at a time: {@code next} is the {@code after} of the next page) and {@code GET /api/v1/racks/{rack}}.
 */
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

    /** Racks listed when the request names no {@code limit}, and the most it may name. */
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;

    /**
     * A page of racks with their latest closed windows; {@code count} and {@code totalPowerW} are
     * the whole fleet's. A hall of thousands of racks is read a page at a time, never as one
     * multi-megabyte answer per request.
     */
    @Get
    RackList list(@Nullable @QueryValue String limit, @Nullable @QueryValue String after) {
        int pageSize = limit(limit);
        if (after != null) {
            RackId.check(after);
        }
        long now = clock.millis();
        List<RackAggregate> page = repository.page(after, pageSize + 1);
        String next = page.size() > pageSize ? page.get(pageSize - 1).rack() : null;
        List<RackView> racks = page.stream().limit(pageSize).map(a -> view(a, now)).toList();
        return new RackList(repository.size(), repository.totalPowerW(), racks, next);
    }

    private static int limit(String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit.matches("[0-9]{1,5}")) {
            int n = Integer.parseInt(limit);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        }
        throw ProblemException.badRequest("urn:thermalwatch:problem:invalid-limit", "Invalid query parameter 'limit'",
                "limit must be an integer in 1.." + MAX_LIMIT + ", was '" + limit + "'");
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
