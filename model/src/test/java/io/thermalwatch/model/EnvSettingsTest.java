package io.thermalwatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    // One test per kind of setting: each message names the variable, what it allows, and the bad value.

    @Test
    void integerNamesItsRangeAndTheBadValue() {
        EnvSettings s = new EnvSettings(Map.of("TW_A", "many", "TW_B", "0", "TW_C", " 7 "));
        assertThatThrownBy(() -> s.integer("TW_A", 16, 1, 1_000))
                .hasMessage("TW_A must be an integer in 1..1000, was 'many'");
        assertThatThrownBy(() -> s.integer("TW_B", 16, 1, 1_000)).hasMessage("TW_B must be in 1..1000, was 0");
        assertThat(s.integer("TW_C", 16, 1, 1_000)).isEqualTo(7);
        assertThat(s.integer("TW_UNSET", 16, 1, 1_000)).isEqualTo(16);
    }

    @Test
    void millisecondsNameTheirRangeAndTheBadValue() {
        EnvSettings s = new EnvSettings(Map.of("TW_INTERVAL_MS", "50", "TW_OTHER_MS", "1s"));
        assertThatThrownBy(() -> s.millis("TW_INTERVAL_MS", 1_000, 100, 3_600_000))
                .hasMessage("TW_INTERVAL_MS must be in 100..3600000, was 50");
        assertThatThrownBy(() -> s.millis("TW_OTHER_MS", 1_000, 100, 3_600_000))
                .hasMessage("TW_OTHER_MS must be an integer in 100..3600000, was '1s'");
    }

    @Test
    void flagNamesWhatItAccepts() {
        EnvSettings s = new EnvSettings(Map.of("TW_F", "maybe", "TW_T", "yes"));
        assertThatThrownBy(() -> s.flag("TW_F", true)).hasMessage("TW_F must be true or false, was 'maybe'");
        assertThat(s.flag("TW_T", false)).isTrue();
    }

    @Test
    void oneOfNamesTheChoices() {
        EnvSettings s = new EnvSettings(Map.of("TW_AUTH", "kerberos"));
        assertThatThrownBy(() -> s.oneOf("TW_AUTH", "basic", Set.of("basic", "session")))
                .hasMessage("TW_AUTH must be one of [basic, session], was 'kerberos'");
    }

    @Test
    void listOfNamesTheChoicesAndTheUnknownItems() {
        EnvSettings s = new EnvSettings(Map.of("TW_SOURCES", "nvml, nvsmi,x", "TW_EMPTY", " , ", "TW_OK", "b,a"));
        Set<String> allowed = Set.of("a", "b", "nvml");
        assertThatThrownBy(() -> s.listOf("TW_SOURCES", "a", allowed))
                .hasMessage("TW_SOURCES must be a comma-separated list of [a, b, nvml], was 'nvml, nvsmi,x' (unknown: nvsmi, x)");
        assertThatThrownBy(() -> s.listOf("TW_EMPTY", "a", allowed))
                .hasMessage("TW_EMPTY must be a comma-separated list of [a, b, nvml], was ' , ' (empty)");
        assertThat(s.listOf("TW_OK", "a", allowed)).containsExactly("b", "a");
    }

    @Test
    void durationAcceptsUnitsAndIsoAndNamesItsRange() {
        EnvSettings s = new EnvSettings(Map.of("D1", "abc", "D2", "1x", "D3", "0s", "D4", "90s", "D5", "PT2M",
                "D6", "500ms", "D7", "2d"));
        Duration min = Duration.ofSeconds(1);
        Duration max = Duration.ofDays(1);
        for (String bad : new String[] {"D1", "D2", "D3", "D7"}) {
            assertThatThrownBy(() -> s.duration(bad, Duration.ofMinutes(1), min, max))
                    .hasMessageStartingWith(bad + " must be a duration in 1s..1d (e.g. 500ms, 60s, 15m, 1h), was '");
        }
        assertThatThrownBy(() -> s.duration("D2", Duration.ofMinutes(1), min, max)).hasMessageEndingWith("was '1x'");
        assertThat(s.duration("D4", Duration.ZERO, min, max)).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.duration("D5", Duration.ZERO, min, max)).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.duration("D6", Duration.ZERO, Duration.ZERO, max)).isEqualTo(Duration.ofMillis(500));
        assertThat(s.duration("UNSET", Duration.ofMinutes(1), min, max)).isEqualTo(Duration.ofMinutes(1));
    }
}
