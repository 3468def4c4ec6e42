package io.thermalwatch.api.live;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.json.JsonMapper;
import io.thermalwatch.api.ApiConfig;
import io.thermalwatch.api.alert.AlertFilter;
import io.thermalwatch.api.alert.AlertView;
import io.thermalwatch.api.alert.FiringAlertRepository;
import io.thermalwatch.api.rack.RackId;
import io.thermalwatch.api.rack.RackStateRepository;
import io.thermalwatch.api.rack.RackView;
import io.thermalwatch.model.RackAggregate;
import io.thermalwatch.model.ThermalAlert;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Predicate;
import reactor.core.publisher.Flux;

/**
 * Server-Sent Events: {@code GET /api/v1/live/racks[?rack=ID]} (event {@code rack}, data as
 * {@code GET /api/v1/racks/{rack}}) and {@code GET /api/v1/live/alerts[?severity=][&rack=]}
 * (event {@code alert}, data as an item of {@code GET /api/v1/alerts}, resolved changes included).
 * Each stream starts with the current state, then sends changes as they arrive, and a
 * {@code : heartbeat} comment at once (it starts the response) and every
 * {@code thermalwatch.api.live-heartbeat} (15 s) so that proxies keep an idle stream open. Filters are validated as on the list endpoints (400 problem+json).
 */
@Controller("/api/v1/live")
final class LiveController {

    private final LiveStreams streams;
    private final RackStateRepository racks;
    private final FiringAlertRepository alerts;
    private final ApiConfig config;
    private final Clock clock;
    private final JsonMapper json;
    private final Duration heartbeat;

    LiveController(LiveStreams streams, RackStateRepository racks, FiringAlertRepository alerts, ApiConfig config,
            Clock clock, JsonMapper json, @Value("${thermalwatch.api.live-heartbeat:15s}") Duration heartbeat) {
        this.streams = streams;
        this.racks = racks;
        this.alerts = alerts;
        this.config = config;
        this.clock = clock;
        this.json = json;
        this.heartbeat = heartbeat;
    }

    @Get(value = "/racks", produces = MediaType.TEXT_EVENT_STREAM)
    Flux<Event<String>> racks(@Nullable @QueryValue String rack) {
        if (rack != null) {
            RackId.check(rack);
        }
        Predicate<RackAggregate> filter = rack == null ? a -> true : a -> a.rack().equals(rack);
        Flux<Event<String>> changes = streams.racks().subscribe(racks::all).filter(filter)
                .map(a -> Event.of(write(RackView.of(a, config.stale(a.windowEndMs(), clock.millis())))).name("rack"));
        return withHeartbeat(changes);
    }

    @Get(value = "/alerts", produces = MediaType.TEXT_EVENT_STREAM)
    Flux<Event<String>> alerts(@Nullable @QueryValue String severity, @Nullable @QueryValue String rack) {
        Predicate<ThermalAlert> filter = AlertFilter.of(severity, rack);
        Flux<Event<String>> changes = streams.alerts().subscribe(alerts::firing).filter(filter)
                .map(a -> Event.of(write(AlertView.of(a))).name("alert"));
        return withHeartbeat(changes);
    }

    private Flux<Event<String>> withHeartbeat(Flux<Event<String>> changes) {
        // the first at once: it flushes the response headers, so the client sees the stream open;
        // dropped, not buffered, when the client is slow: a missed heartbeat is no loss
        Flux<Event<String>> beats = Flux.interval(Duration.ZERO, heartbeat).onBackpressureDrop()
                .map(i -> Event.of("").comment("heartbeat"));
        return Flux.merge(changes, beats);
    }

    private String write(Object view) {
        try {
            return json.writeValueAsString(view);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
