package io.thermalwatch.api.alert;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.thermalwatch.api.problem.ProblemException;
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

    /** The longest id the wire records carry (docs/schema.md), characters. */
    private static final int MAX_ID_CHARS = 256;

    private final FiringAlertRepository repository;

    AlertController(FiringAlertRepository repository) {
        this.repository = repository;
    }

    @Get
    AlertList list(@Nullable @QueryValue String severity, @Nullable @QueryValue String rack) {
        Predicate<ThermalAlert> filter = atLeast(severity).and(inRack(rack));
        List<AlertView> alerts = repository.firing(filter).stream().map(AlertView::of).toList();
        return new AlertList(alerts.size(), alerts);
    }

    private static Predicate<ThermalAlert> atLeast(String severity) {
        if (severity == null) {
            return a -> true;
        }
        AlertSeverity floor;
        try {
            floor = AlertSeverity.of(severity);
        } catch (IllegalArgumentException e) {
            throw invalid("severity", "severity must be warning (warning and critical) or critical, was '"
                    + severity + "'");
        }
        return a -> AlertSeverity.of(a.severity()).compareTo(floor) >= 0;
    }

    private static Predicate<ThermalAlert> inRack(String rack) {
        if (rack == null) {
            return a -> true;
        }
        if (rack.isBlank() || rack.codePointCount(0, rack.length()) > MAX_ID_CHARS) {
            throw invalid("rack", "rack must be a rack id, not blank, at most " + MAX_ID_CHARS + " characters");
        }
        return a -> a.rack().equals(rack);
    }

    private static ProblemException invalid(String parameter, String detail) {
        return ProblemException.badRequest("urn:thermalwatch:problem:invalid-" + parameter,
                "Invalid query parameter '" + parameter + "'", detail);
    }
}
