package io.thermalwatch.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermalwatch.model.EnvSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InfluxSinkConfigTest {

    private static InfluxSinkConfig of(Map<String, String> env) {
        return InfluxSinkConfig.fromEnv(new EnvSettings(env));
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        InfluxSinkConfig c = of(Map.of());
        assertThat(c.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(c.groupId()).isEqualTo("thermalwatch-sink");
        assertThat(c.influxUrl()).isEqualTo("http://localhost:8086");
        assertThat(c.database()).isEqualTo("thermalwatch");
        assertThat(c.rawRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(c.downsampledRetention()).isEqualTo(Duration.ofDays(400));
        assertThat(c.batchPoints()).isEqualTo(5000);
        assertThat(c.maxBackoff()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.writeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.metricsPort()).isEqualTo(9466);
    }

    @Test
    void badValuesNameTheVariableAndWhatItAllows() {
        assertThatThrownBy(() -> of(Map.of("TW_SINK_BATCH_POINTS", "0")))
                .hasMessage("TW_SINK_BATCH_POINTS must be in 1..100000, was 0");
        assertThatThrownBy(() -> of(Map.of("TW_SINK_RAW_RETENTION", "30m")))
                .hasMessageStartingWith("TW_SINK_RAW_RETENTION must be a duration in 1h..3650d");
        assertThatThrownBy(() -> of(Map.of("TW_SINK_INFLUX_URL", "localhost:8086")))
                .hasMessageStartingWith("TW_SINK_INFLUX_URL must be an http(s) URL");
        assertThatThrownBy(() -> of(Map.of("TW_SINK_DATABASE", "my db")))
                .hasMessageStartingWith("TW_SINK_DATABASE must be 1..64 letters");
        assertThatThrownBy(() -> of(Map.of("TW_SINK_RAW_RETENTION", "30d", "TW_SINK_DOWNSAMPLED_RETENTION", "7d")))
                .hasMessageContaining("TW_SINK_RAW_RETENTION must not be longer than TW_SINK_DOWNSAMPLED_RETENTION");
        assertThatThrownBy(() -> of(Map.of("TW_SINK_METRICS_PORT", "70000")))
                .hasMessage("TW_SINK_METRICS_PORT must be in 0..65535, was 70000");
    }
}
