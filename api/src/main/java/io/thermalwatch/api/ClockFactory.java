package io.thermalwatch.api;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The clock for "now" (staleness, replay start). {@code @Secondary}: a test that registers its own
 * {@link Clock} singleton (e.g. {@code Clock.fixed}) replaces it.
 */
@Factory
class ClockFactory {

    @Singleton
    @Secondary
    Clock clock() {
        return Clock.systemUTC();
    }
}
