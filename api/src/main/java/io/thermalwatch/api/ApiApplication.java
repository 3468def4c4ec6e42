package io.thermalwatch.api;

import io.micronaut.runtime.Micronaut;

/** Starts the Thermalwatch HTTP API. */
public final class ApiApplication {

    private ApiApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(ApiApplication.class, args);
    }
}
