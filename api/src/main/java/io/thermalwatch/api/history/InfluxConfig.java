package io.thermalwatch.api.history;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * Where the history is: the InfluxDB 1.x database the sink writes ({@code thermalwatch.api.influx.*};
 * {@code ApiApplication} sets them from {@code THERMALWATCH_API_INFLUX_*}, validated by {@code ApiSettings}).
 *
 * @param url      base URL, e.g. {@code http://localhost:8086}
 * @param user     user name, empty for no authentication
 * @param password password
 * @param database the sink's database ({@code TW_SINK_DATABASE})
 * @param timeout  connect and read timeout of one query; past it the request is a 503
 */
@ConfigurationProperties("thermalwatch.api.influx")
public record InfluxConfig(
        @Bindable(defaultValue = "http://localhost:8086") @NotNull String url,
        @Bindable(defaultValue = "") @NotNull String user,
        @Bindable(defaultValue = "") @NotNull String password,
        @Bindable(defaultValue = "thermalwatch") @NotNull String database,
        @Bindable(defaultValue = "10s") @NotNull Duration timeout) {

    public InfluxConfig {
        if (database != null && !database.matches("[A-Za-z0-9_-]{1,64}")) {
            // it is written into queries as a quoted identifier: only these characters, never request text
            throw new IllegalArgumentException("thermalwatch.api.influx.database must be 1..64 letters, digits, '_' or '-', was '"
                    + database + "'");
        }
    }
}
