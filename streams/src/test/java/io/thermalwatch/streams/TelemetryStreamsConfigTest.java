package io.thermalwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermalwatch.model.EnvSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class TelemetryStreamsConfigTest {

    @Test
    void defaultsToTenSecondWindowsUnderExactlyOnce() {
        TelemetryStreamsConfig c = TelemetryStreamsConfig.fromEnv(new EnvSettings(Map.of()));
        assertThat(c.window()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.grace()).isEqualTo(Duration.ofSeconds(5));
        Properties p = c.streamsProperties();
        assertThat(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(p.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("thermalwatch-streams");
    }

    @Test
    void defaultStateDirIsNotUnderTheTemporaryDirectory() {
        // Kafka Streams warns at every start when state.dir starts with java.io.tmpdir
        String stateDir = (String) TelemetryStreamsConfig.fromEnv(new EnvSettings(Map.of()))
                .streamsProperties().get(StreamsConfig.STATE_DIR_CONFIG);
        assertThat(stateDir).isEqualTo(System.getProperty("user.home") + "/.local/state/thermalwatch/streams")
                .doesNotStartWith(System.getProperty("java.io.tmpdir"));
    }

    @Test
    void failsFastNamingTheBadSetting() {
        assertThatThrownBy(() -> TelemetryStreamsConfig.fromEnv(new EnvSettings(Map.of("TW_WINDOW_MS", "10s"))))
                .hasMessage("TW_WINDOW_MS must be an integer in 1000..3600000, was '10s'");
        assertThatThrownBy(() -> TelemetryStreamsConfig.fromEnv(new EnvSettings(Map.of("TW_CREATE_TOPICS", "maybe"))))
                .hasMessage("TW_CREATE_TOPICS must be true or false, was 'maybe'");
        assertThatThrownBy(() -> TelemetryStreamsConfig.fromEnv(new EnvSettings(Map.of("TW_STREAMS_APPLICATION_ID", "a b"))))
                .hasMessageContaining("TW_STREAMS_APPLICATION_ID");
    }
}
