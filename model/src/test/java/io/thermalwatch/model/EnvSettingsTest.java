package io.thermalwatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvSettingsTest {

    @Test
    void environmentOverridesTheConfigFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("collector.properties");
        Files.writeString(file, "# a node\nTW_SOURCES=nvml, redfish\nTW_NODE=gpu-17\nTW_SAMPLE_INTERVAL_MS=500\n");
        EnvSettings s = EnvSettings.fromFileAndEnv(file, Map.of("TW_SAMPLE_INTERVAL_MS", "250"));
        assertThat(s.list("TW_SOURCES", "simulator")).containsExactly("nvml", "redfish");
        assertThat(s.string("TW_NODE", "x")).isEqualTo("gpu-17");
        assertThat(s.integer("TW_SAMPLE_INTERVAL_MS", 1000, 100, 10_000)).isEqualTo(250);
        assertThat(s.namesRead()).containsExactly("TW_NODE", "TW_SAMPLE_INTERVAL_MS", "TW_SOURCES");
    }

    @Test
    void failsNamingTheVariable(@TempDir Path dir) {
        EnvSettings s = new EnvSettings(Map.of("TW_AUTH", "kerberos"));
        assertThatThrownBy(() -> s.oneOf("TW_AUTH", "basic", Set.of("basic", "session")))
                .hasMessage("TW_AUTH must be one of [basic, session], was 'kerberos'");
        assertThatThrownBy(() -> EnvSettings.fromFileAndEnv(dir.resolve("missing.properties"), Map.of()))
                .hasMessageContaining("cannot read config file");
    }
}
