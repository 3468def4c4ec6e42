package io.thermalwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermalwatch.collector.CollectorConfig;
import io.thermalwatch.model.EnvSettings;
import io.thermalwatch.streams.TelemetryStreamsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot run here (no Docker engine), so this checks that it, the Dockerfile,
 * the README's config table and the code agree: every service runs a main class that exists, sets
 * only settings its app reads, and reaches Kafka at an address the broker advertises.
 */
class DeploymentConsistencyTest {

    private static final Path ROOT = Path.of("..");
    /** Settings the API reads through Micronaut (application.yml placeholders and env mapping). */
    private static final Set<String> API_SETTINGS = Set.of("KAFKA_BOOTSTRAP_SERVERS", "THERMALWATCH_API_PORT",
            "THERMALWATCH_API_STALE_AFTER", "THERMALWATCH_API_REPLAY");

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> env(Map<String, Object> service) {
        return (Map<String, Object>) service.getOrDefault("environment", Map.of());
    }

    private static SortedSet<String> collectorSettings() {
        EnvSettings env = new EnvSettings(Map.of());
        CollectorConfig.fromEnv(env);
        return env.namesRead();
    }

    private static SortedSet<String> streamsSettings() {
        EnvSettings env = new EnvSettings(Map.of());
        TelemetryStreamsConfig.fromEnv(env);
        return env.namesRead();
    }

    @Test
    void composeRunsTheBrokerAndTheThreeServices() throws IOException {
        assertThat(services()).containsKeys("kafka", "collector", "streams", "api");
        assertThat(Files.exists(ROOT.resolve("Dockerfile"))).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceRunsAMainClassThatExists() throws Exception {
        for (String name : List.of("collector", "streams", "api")) {
            Map<String, Object> service = services().get(name);
            assertThat(service.get("build")).as(name + " builds this repository").isEqualTo(".");
            String mainClass = ((List<String>) service.get("command")).get(0);
            assertThat(Class.forName(mainClass).getMethod("main", String[].class)).as(name).isNotNull();
        }
    }

    @Test
    void servicesSetOnlySettingsTheirAppReads() throws IOException {
        assertThat(env(services().get("collector")).keySet()).isSubsetOf(collectorSettings());
        assertThat(env(services().get("streams")).keySet()).isSubsetOf(streamsSettings());
        assertThat(env(services().get("api")).keySet()).isSubsetOf(API_SETTINGS);
    }

    @Test
    void servicesReachKafkaAtTheAdvertisedListener() throws IOException {
        String advertised = (String) env(services().get("kafka")).get("KAFKA_ADVERTISED_LISTENERS");
        for (String name : List.of("collector", "streams", "api")) {
            String bootstrap = (String) env(services().get(name)).get("KAFKA_BOOTSTRAP_SERVERS");
            assertThat(advertised).as(name).contains("://" + bootstrap);
        }
    }

    @Test
    void readmeConfigTableDocumentsEverySetting() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        SortedSet<String> all = new TreeSet<>(collectorSettings());
        all.addAll(streamsSettings());
        all.addAll(API_SETTINGS);
        for (String setting : all) {
            assertThat(readme).as("README config table").contains("`" + setting + "`");
        }
    }

    @Test
    void apiSettingsMatchItsApplicationYml() throws IOException {
        String yml = Files.readString(ROOT.resolve("api/src/main/resources/application.yml"));
        assertThat(yml).contains("${KAFKA_BOOTSTRAP_SERVERS:", "${THERMALWATCH_API_PORT:", "stale-after:", "replay:");
    }
}
