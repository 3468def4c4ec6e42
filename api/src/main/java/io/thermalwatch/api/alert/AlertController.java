package io.thermalwatch.api.alert;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.thermalwatch.model.ThermalAlert;
import java.util.List;
import java.util.function.Predicate;

/**
 * The alerts firing now: {@code GET /api/v1/alerts[?severity=warning|critical][&rack=ID]}.
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

    @Get
    AlertList list(@Nullable @QueryValue String severity, @Nullable @QueryValue String rack) {
        Predicate<ThermalAlert> filter = AlertFilter.of(severity, rack);
        List<AlertView> alerts = repository.firing(filter).stream().map(AlertView::of).toList();
        return new AlertList(alerts.size(), alerts);
    }
}
