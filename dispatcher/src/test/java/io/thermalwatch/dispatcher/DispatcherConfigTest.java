package io.thermalwatch.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermalwatch.model.EnvSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DispatcherConfigTest {

    private static DispatcherConfig config(Map<String, String> env) {
        return DispatcherConfig.fromEnv(new EnvSettings(env));
    }

    @Test
    void defaultsResendEveryMinuteValidForFour() {
        DispatcherConfig c = config(Map.of());
        assertThat(c.alertmanagers()).containsExactly(URI.create("http://localhost:9093"));
        assertThat(c.resendInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.firingValidity()).isEqualTo(Duration.ofMinutes(4));
        assertThat(c.consumerProperties()).containsEntry("isolation.level", "read_committed").containsEntry("enable.auto.commit", false);
    }

    @Test
    void severalAlertmanagersAreCommaSeparated() {
        DispatcherConfig c = config(Map.of("TW_ALERTMANAGER_URLS", "http://am1:9093/, https://am2:9093"));
        assertThat(c.alertmanagers()).containsExactly(URI.create("http://am1:9093"), URI.create("https://am2:9093"));
    }

    @Test
    void aBadUrlNamesTheVariable() {
        assertThatThrownBy(() -> config(Map.of("TW_ALERTMANAGER_URLS", "am1:9093")))
                .hasMessageContaining("TW_ALERTMANAGER_URLS").hasMessageContaining("am1:9093");
        assertThatThrownBy(() -> config(Map.of("TW_API_BASE_URL", "ftp://x"))).hasMessageContaining("TW_API_BASE_URL");
        assertThatThrownBy(() -> config(Map.of("TW_ALERTMANAGER_URLS", "http://a:1,http://a:1"))).hasMessageContaining("twice");
    }

    @Test
    void aResendIntervalOutOfRangeNamesTheRange() {
        assertThatThrownBy(() -> config(Map.of("TW_DISPATCHER_RESEND_INTERVAL", "2h")))
                .hasMessageContaining("TW_DISPATCHER_RESEND_INTERVAL").hasMessageContaining("1s..30m");
    }

    @Test
    void readsOnlyDocumentedNames() {
        EnvSettings env = new EnvSettings(Map.of());
        DispatcherConfig.fromEnv(env);
        assertThat(env.namesRead()).containsExactlyInAnyOrderElementsOf(List.of("KAFKA_BOOTSTRAP_SERVERS", "TW_DISPATCHER_GROUP_ID",
                "TW_ALERTMANAGER_URLS", "TW_API_BASE_URL", "TW_DISPATCHER_RESEND_INTERVAL", "TW_DISPATCHER_REQUEST_TIMEOUT",
                "TW_DISPATCHER_MAX_BACKOFF", "TW_DISPATCHER_METRICS_PORT"));
    }
}
