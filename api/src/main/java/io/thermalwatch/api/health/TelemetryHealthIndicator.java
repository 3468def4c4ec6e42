package io.thermalwatch.api.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.thermalwatch.api.ApiConfig;
import io.thermalwatch.api.rack.RackStateRepository;
import io.thermalwatch.model.RackAggregate;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * {@code /health}'s {@code telemetry} part: DOWN when no rack aggregate's window ended within
 * {@code thermalwatch.api.stale-after} (60 s), i.e. the collectors, the streams app or the topic
 * stopped, even though Kafka itself answers. Also DOWN before the first aggregate is read (a fresh
 * API serves nothing yet). Details: the newest window's end and age, and how many racks are known.
 */
@Singleton
final class TelemetryHealthIndicator implements HealthIndicator {

    static final String NAME = "telemetry";

    private final RackStateRepository racks;
    private final ApiConfig config;
    private final Clock clock;

    TelemetryHealthIndicator(RackStateRepository racks, ApiConfig config, Clock clock) {
        this.racks = racks;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        long nowMs = clock.millis();
        Optional<RackAggregate> newest = racks.newest();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("staleAfterMs", config.staleAfter().toMillis());
        details.put("racks", racks.size());
        HealthStatus status;
        if (newest.isEmpty()) {
            status = HealthStatus.DOWN;
            details.put("reason", "no rack aggregate read yet");
        } else {
            long endMs = newest.get().windowEndMs();
            boolean stale = config.stale(endMs, nowMs);
            status = stale ? HealthStatus.DOWN : HealthStatus.UP;
            details.put("newestWindowEnd", Instant.ofEpochMilli(endMs).toString());
            details.put("newestWindowAgeMs", nowMs - endMs);
            if (stale) {
                details.put("reason", "no rack aggregate newer than stale-after: telemetry has stopped");
            }
        }
        return Mono.just(HealthResult.builder(NAME, status).details(details).build());
    }
}
