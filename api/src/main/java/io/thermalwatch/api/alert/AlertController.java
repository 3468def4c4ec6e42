package io.thermalwatch.api.alert;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;

/**
 * The alerts firing now: {@code GET /api/v1/alerts[?severity=warning|critical][&rack=ID][&limit=N]}:
 * {@code count} is how many the filters accept, {@code alerts} the most urgent {@code limit} of them
 * (default {@value #DEFAULT_LIMIT}, at most {@value #MAX_LIMIT}).
 *
 * <p>{@code severity} is a floor, as on-call asks "what is at least this bad": {@code warning}
 * lists warnings and criticals, {@code critical} only criticals. {@code rack} is an exact rack id;
 * a rack with nothing firing gives an empty list. A bad value is a 400 problem naming the parameter;
 * other query parameters are ignored, as elsewhere in the API.
 */
@Controller("/api/v1/alerts")
final class AlertController {

    private final FiringAlertRepository repository;

    AlertController(FiringAlertRepository repository) {
        this.repository = repository;
    }

    /** Alerts listed when the request names no {@code limit}, and the most it may name. */
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;

    @Get
    AlertList list(@Nullable @QueryValue String severity, @Nullable @QueryValue String rack,
                   @Nullable @QueryValue String limit) {
        FiringAlertRepository.Page page = repository.firing(AlertFilter.floor(severity), AlertFilter.rack(rack), limit(limit));
        return new AlertList(page.total(), page.alerts().stream().map(AlertView::of).toList());
    }

    private static int limit(String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(limit);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw AlertFilter.invalid("limit", "limit must be an integer in 1.." + MAX_LIMIT + ", was '" + limit + "'");
    }
}
