package io.thermalwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermalwatch.model.EnvSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorConfigTest {

    @Test
    void defaultsToSixteenNvl72RacksAtOneHertz() {
        CollectorConfig c = CollectorConfig.fromEnv(new EnvSettings(Map.of()));
        assertThat(c.fleet().racks()).isEqualTo(16);
        assertThat(c.fleet().gpus()).isEqualTo(16 * 72);
        assertThat(c.interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(c.sources()).containsExactly("simulator");
        assertThat(c.metricsPort()).isEqualTo(9464);
        assertThat(c.nvidiaSmiCommand()).containsExactly("nvidia-smi", "-q", "-x");
    }

    @Test
    void rejectsAnUnknownSource() {
        assertThatThrownBy(() -> CollectorConfig.fromEnv(new EnvSettings(Map.of("TW_SOURCES", "nvml,snmp"))))
                .hasMessageContaining("TW_SOURCES: unknown source 'snmp'");
    }

    @Test
    void readsOverrides() {
        CollectorConfig c = CollectorConfig.fromEnv(new EnvSettings(Map.of(
                "TW_SIM_RACKS", "2", "TW_SIM_GPUS_PER_NODE", "8", "TW_SAMPLE_INTERVAL_MS", "100",
                "KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092")));
        assertThat(c.fleet().gpus()).isEqualTo(2 * 18 * 8);
        assertThat(c.interval()).isEqualTo(Duration.ofMillis(100));
        assertThat(c.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
    }

    @Test
    void aScenarioOfNoneMeansNoFaults() {
        assertThat(CollectorConfig.fromEnv(new EnvSettings(Map.of())).scenario()).isNull();
        assertThat(CollectorConfig.fromEnv(new EnvSettings(Map.of("TW_SIM_SCENARIO", "none"))).scenario()).isNull();
        assertThat(CollectorConfig.fromEnv(new EnvSettings(Map.of("TW_SIM_SCENARIO", "faults.txt"))).scenario())
                .isEqualTo(Path.of("faults.txt"));
    }

    @Test
    void failsFastNamingTheBadSetting() {
        assertThatThrownBy(() -> CollectorConfig.fromEnv(new EnvSettings(Map.of("TW_SAMPLE_INTERVAL_MS", "50"))))
                .hasMessage("TW_SAMPLE_INTERVAL_MS must be in 100..3600000, was 50");
        assertThatThrownBy(() -> CollectorConfig.fromEnv(new EnvSettings(Map.of("TW_SIM_RACKS", "many"))))
                .hasMessage("TW_SIM_RACKS must be an integer in 1..100000, was 'many'");
    }

    @Test
    void aConfigFileNameThatIsNoSettingIsRefusedSuggestingTheNearest(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("c.properties"), "TW_SOURCES=simulator\nTW_SIM_RACK=3\n");
        assertThatThrownBy(() -> CollectorConfig.fromFileAndEnv(file, Map.of()))
                .hasMessageStartingWith("config file " + file + ": unknown setting TW_SIM_RACK; did you mean TW_SIM_RACKS?");
        Files.writeString(file, "TW_SAMPEL_INTERVAL_MS=500\n");
        assertThatThrownBy(() -> CollectorConfig.fromFileAndEnv(file, Map.of()))
                .hasMessageContaining("unknown setting TW_SAMPEL_INTERVAL_MS; did you mean TW_SAMPLE_INTERVAL_MS?");
    }

    @Test
    void aConfigFileOfKnownNamesIsReadAndTheEnvironmentWins(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("c.properties"),
                "TW_SIM_RACKS=3\nTW_SAMPLE_INTERVAL_MS=500\nKAFKA_BOOTSTRAP_SERVERS=k:9092\nOTHER_TOOL_SETTING=x\n");
        CollectorConfig c = CollectorConfig.fromFileAndEnv(file, Map.of("TW_SAMPLE_INTERVAL_MS", "200"));
        assertThat(c.fleet().racks()).isEqualTo(3);
        assertThat(c.interval()).isEqualTo(Duration.ofMillis(200));
        assertThat(c.bootstrapServers()).isEqualTo("k:9092");
    }

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(CollectorConfig.editDistance("TW_SIM_RACK", "TW_SIM_RACKS")).isEqualTo(1);
        assertThat(CollectorConfig.editDistance("TW_SAMPEL", "TW_SAMPLE")).isEqualTo(2);
        assertThat(CollectorConfig.editDistance("", "abc")).isEqualTo(3);
        assertThat(CollectorConfig.editDistance("kitten", "sitting")).isEqualTo(3);
    }
}
