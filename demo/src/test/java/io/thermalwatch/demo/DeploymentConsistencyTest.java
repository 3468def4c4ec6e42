package io.thermalwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermalwatch.api.ApiSettings;
import io.thermalwatch.collector.CollectorConfig;
import io.thermalwatch.demo.tools.BrokerMain;
import io.thermalwatch.dispatcher.DispatcherConfig;
import io.thermalwatch.model.EnvSettings;
import io.thermalwatch.sink.InfluxSinkConfig;
import io.thermalwatch.streams.TelemetryStreamsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot run here (no Docker engine), so this checks that it, the Dockerfile,
 * the README's config table and the code agree: every service runs a main class that the image
 * ships, sets only settings its app reads, reaches Kafka at an address the broker advertises, and
 * mounts only directories the image creates for its runtime user; the config table lists exactly
 * the settings the apps read.
 */
class DeploymentConsistencyTest {

    private static final Path ROOT = Path.of("..");
    /** Read outside EnvSettings: CollectorMain looks for its config file before reading settings. */
    private static final Set<String> READ_BY_MAINS = Set.of("TW_CONFIG_FILE");

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> env(Map<String, Object> service) {
        return (Map<String, Object>) service.getOrDefault("environment", Map.of());
    }

    private static SortedSet<String> namesRead(Consumer<EnvSettings> config) {
        EnvSettings env = new EnvSettings(Map.of());
        config.accept(env);
        return env.namesRead();
    }

    private static SortedSet<String> collectorSettings() {
        return namesRead(CollectorConfig::fromEnv);
    }

    private static SortedSet<String> streamsSettings() {
        return namesRead(TelemetryStreamsConfig::fromEnv);
    }

    private static SortedSet<String> apiSettings() {
        return namesRead(ApiSettings::fromEnv);
    }

    /** The env var column of the README's "Configuration" table, row by row. */
    static List<String> configTableVariables(String readme) {
        int section = readme.indexOf("\n## Configuration\n");
        assertThat(section).as("README has a Configuration section").isPositive();
        int next = readme.indexOf("\n## ", section + 1);
        String body = readme.substring(section, next < 0 ? readme.length() : next);
        Pattern row = Pattern.compile("(?m)^\\|[^|\\n]*\\|\\s*`([A-Z0-9_]+)`\\s*\\|[^\\n]*\\|\\s*$");
        Matcher m = row.matcher(body);
        List<String> vars = new java.util.ArrayList<>();
        while (m.find()) {
            vars.add(m.group(1));
        }
        return vars;
    }

    /** The services built from this repository (ComposeConsistencyTest checks the whole file). */
    private static List<String> ourServices() throws IOException {
        return services().entrySet().stream().filter(e -> ".".equals(e.getValue().get("build"))).map(Map.Entry::getKey).toList();
    }

    @Test
    void composeRunsTheBrokerAndOurServices() throws IOException {
        assertThat(services()).containsKeys("kafka", "collector", "streams-1", "streams-2", "sink", "dispatcher", "api");
        assertThat(ourServices()).hasSize(6);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceRunsAMainClassThatTheImageShips() throws Exception {
        Dockerfile docker = Dockerfile.parse(Files.readString(ROOT.resolve("Dockerfile")));
        assertThat(docker.classpath()).as("image classpath").isEqualTo("/app/lib/*");
        assertThat(docker.libFromRuntimeClasspath()).as("the image's /app/lib holds the jars of demo/target/classpath.txt")
                .isTrue();
        List<String> runtimeClasspath = List.of(Files.readString(Path.of("target", "classpath.txt")).trim().split(":"));
        for (String name : ourServices()) {
            Map<String, Object> service = services().get(name);
            assertThat(service.get("build")).as(name + " builds this repository").isEqualTo(".");
            String mainClass = ((List<String>) service.get("command")).get(0);
            assertThat(Class.forName(mainClass).getMethod("main", String[].class)).as(name).isNotNull();
            String module = mainClass.split("\\.")[2]; // io.thermalwatch.<module>.…
            assertThat(runtimeClasspath).as(mainClass + "'s module on the image classpath")
                    .anyMatch(e -> e.endsWith("/" + module + "/target/classes")
                            || Path.of(e).getFileName().toString().startsWith("thermalwatch-" + module + "-"));
        }
        assertThat(docker.defaultMainClass()).isEqualTo("io.thermalwatch.api.ApiApplication");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyMountedPathExistsInTheImageOwnedByTheRuntimeUser() throws IOException {
        Dockerfile docker = Dockerfile.parse(Files.readString(ROOT.resolve("Dockerfile")));
        assertThat(docker.user()).as("runs as a non-root user").isNotNull().isNotEqualTo("root");
        assertThat(docker.usersCreated()).contains(docker.user());
        int mounts = 0;
        for (String name : ourServices()) {
            for (Object volume : (List<Object>) services().get(name).getOrDefault("volumes", List.of())) {
                String target = volume.toString().split(":")[1];
                assertThat(docker.directories()).as(name + " mounts " + target + ": created in the image").containsKey(target);
                assertThat(docker.directories().get(target)).as(name + " mounts " + target + ": its owner").isEqualTo(docker.user());
                mounts++;
            }
        }
        assertThat(mounts).as("compose mounts the streams state directories").isPositive();
        String stateDir = (String) env(services().get("streams-1")).get("TW_STREAMS_STATE_DIR");
        assertThat(docker.directories()).containsEntry(stateDir, docker.user());
    }

    @Test
    void dockerBuildContextLeavesOutLocalState() throws IOException {
        List<String> ignored = Files.readAllLines(ROOT.resolve(".dockerignore")).stream().map(String::strip).toList();
        assertThat(ignored).as(".dockerignore").contains("**/target", ".git", ".demo", ".device", ".broker");
    }

    @Test
    void servicesReachKafkaAtTheAdvertisedListener() throws IOException {
        String advertised = (String) env(services().get("kafka")).get("KAFKA_ADVERTISED_LISTENERS");
        for (String name : ourServices()) {
            String bootstrap = (String) env(services().get(name)).get("KAFKA_BOOTSTRAP_SERVERS");
            assertThat(advertised).as(name).contains("://" + bootstrap);
        }
    }

    @Test
    void readmeConfigTableListsExactlyTheSettingsTheAppsRead() throws IOException {
        List<String> table = configTableVariables(Files.readString(ROOT.resolve("README.md")));
        SortedSet<String> read = new TreeSet<>(collectorSettings());
        read.addAll(streamsSettings());
        read.addAll(apiSettings());
        read.addAll(namesRead(InfluxSinkConfig::fromEnv));
        read.addAll(namesRead(BrokerMain.Settings::fromEnv));
        read.addAll(namesRead(DispatcherConfig::fromEnv));
        read.addAll(READ_BY_MAINS);
        assertThat(table).as("config table rows").doesNotHaveDuplicates();
        assertThat(new TreeSet<>(table)).as("config table rows vs settings the apps read").isEqualTo(read);
    }

    @Test
    void configTableParserReadsRowsOnlyFromTheTable() {
        String readme = "intro `TW_NOT_A_ROW`\n## Configuration\n\n| setting | env var | default | meaning |\n|---|---|---|---|\n"
                + "| a | `TW_A` | `1` | x |\n| b | `TW_B` | none | y |\n\nprose `TW_PROSE`\n## Next\n| c | `TW_C` | 1 | z |\n";
        assertThat(configTableVariables(readme)).containsExactly("TW_A", "TW_B");
    }

    @Test
    void apiDefaultsMatchTheConfigTable() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        ApiSettings defaults = ApiSettings.fromEnv(new EnvSettings(Map.of()));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("THERMALWATCH_API_PORT", Integer.toString(defaults.port()));
        expected.put("THERMALWATCH_API_STALE_AFTER", defaults.staleAfter().toSeconds() + "s");
        expected.put("THERMALWATCH_API_REPLAY", defaults.replay().toMinutes() + "m");
        expected.forEach((var, value) -> assertThat(readme).as(var + " default")
                .containsPattern("(?m)^\\|[^|]*\\| `" + var + "` \\| `" + Pattern.quote(value) + "` \\|"));
    }
}
