package io.thermalwatch.api.live;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.thermalwatch.api.alert.FiringAlertRepository;
import io.thermalwatch.api.rack.RackStateRepository;
import io.thermalwatch.model.RackAggregate;
import io.thermalwatch.model.ThermalAlert;

/**
 * The two live feeds, subscribed to the repositories at startup ({@code @Context}: the client
 * gauges exist before the first client).
 */
@Context
final class LiveStreams {

    private final LiveFeed<RackAggregate> racks;
    private final LiveFeed<ThermalAlert> alerts;

    LiveStreams(RackStateRepository rackRepository, FiringAlertRepository alertRepository, MeterRegistry registry,
            @Value("${thermalwatch.api.live-buffer:4096}") int bufferSize) {
        this.racks = new LiveFeed<>("racks", bufferSize, registry);
        this.alerts = new LiveFeed<>("alerts", bufferSize, registry);
        rackRepository.subscribe(racks::publish);
        alertRepository.subscribe(alerts::publish);
    }

    LiveFeed<RackAggregate> racks() {
        return racks;
    }

    LiveFeed<ThermalAlert> alerts() {
        return alerts;
    }
}
