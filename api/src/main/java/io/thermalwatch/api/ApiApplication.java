package io.thermalwatch.api;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.thermalwatch.model.EnvSettings;

/**
 * Starts the Thermalwatch HTTP API. A bad setting stops it at once with one line on stderr naming
 * the variable and what it allows (exit code 2).
 */
@OpenAPIDefinition(info = @Info(title = "thermalwatch-api", version = "1",
        description = "Current rack state, firing alerts and their live streams; bearer JWT (roles viewer, analyst, admin)"))
public final class ApiApplication {

    private ApiApplication() {
    }

    public static void main(String[] args) {
        ApiSettings settings;
        try {
            settings = ApiSettings.fromEnv(EnvSettings.system()).requireJwtSecret();
        } catch (IllegalArgumentException e) {
            System.err.println("api: bad setting: " + e.getMessage());
            System.exit(2);
            return;
        }
        Micronaut.build(args).mainClass(ApiApplication.class).properties(settings.properties()).start();
    }
}
