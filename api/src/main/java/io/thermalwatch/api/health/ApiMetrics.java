package io.thermalwatch.api.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.thermalwatch.api.alert.FiringAlertRepository;
import io.thermalwatch.api.rack.RackStateRepository;
import java.time.Clock;

/**
 * The API's own gauges on {@code /prometheus}: racks known, alerts firing by severity, and the age
 * of the newest rack window (what {@code /health} judges staleness by). The live streams' client
 * and drop counts are registered by {@code api.live}; HTTP timings by Micronaut
 * ({@code http_server_requests_seconds}).
 */
@Context
final class ApiMetrics {

    ApiMetrics(RackStateRepository racks, FiringAlertRepository alerts, Clock clock, MeterRegistry registry) {
        Gauge.builder("thermalwatch.api.racks.known", racks, RackStateRepository::size)
                .description("racks with a window in memory").register(registry);
        Gauge.builder("thermalwatch.api.alerts.firing", alerts, a -> a.countBySeverity().critical())
                .tag("severity", "critical").description("alerts firing now").register(registry);
        Gauge.builder("thermalwatch.api.alerts.firing", alerts, a -> a.countBySeverity().warning())
                .tag("severity", "warning").description("alerts firing now").register(registry);
        Gauge.builder("thermalwatch.api.telemetry.age", racks,
                        r -> r.newest().map(a -> (clock.millis() - a.windowEndMs()) / 1000.0).orElse(Double.NaN))
                .baseUnit("seconds").description("age of the newest rack window's end").register(registry);
    }
}
