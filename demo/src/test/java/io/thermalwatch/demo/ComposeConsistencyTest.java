package io.thermalwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml's whole stack against the code, the repository and the README's config table
 * ({@link ComposeCheck}); each break-it case changes one thing in the real file and expects the
 * problem named.
 */
class ComposeConsistencyTest {

    private static final Path ROOT = Path.of("..");

    private static String compose() throws IOException {
        return Files.readString(ROOT.resolve("docker-compose.yml"));
    }

    private static Set<String> configTable() throws IOException {
        return new TreeSet<>(DeploymentConsistencyTest.configTableVariables(Files.readString(ROOT.resolve("README.md"))));
    }

    private static List<String> problems(String composeYaml) throws IOException {
        return new ComposeCheck(composeYaml, configTable(), ROOT).problems();
    }

    /** The real file with {@code from} replaced by {@code to}, which must occur in it exactly once. */
    private static String broken(String from, String to) throws IOException {
        String yaml = compose();
        assertThat(yaml.split(java.util.regex.Pattern.quote(from), -1)).as("'" + from + "' once in the file").hasSize(2);
        return yaml.replace(from, to);
    }

    @Test
    void composeAgreesWithTheCodeTheRepositoryAndTheConfigTable() throws IOException {
        assertThat(problems(compose())).isEmpty();
    }

    @Test
    void composeRunsTheWholeStack() throws IOException {
        ComposeCheck check = new ComposeCheck(compose(), configTable(), ROOT);
        assertThat(check.services()).containsOnlyKeys("kafka", "influxdb", "grafana", "alertmanager", "collector",
                "streams-1", "streams-2", "sink", "dispatcher", "api");
        assertThat(check.ours()).containsExactlyInAnyOrder("collector", "streams-1", "streams-2", "sink", "dispatcher", "api");
        for (String name : check.ours()) {
            if (!name.startsWith("streams")) {
                assertThat(check.services().get(name)).as(name + " has a healthcheck").containsKey("healthcheck");
            }
        }
    }

    @Test
    void theCollectorRunsWithTheJvmOptionsTheBenchmarkMeasures() throws IOException {
        ComposeCheck check = new ComposeCheck(compose(), configTable(), ROOT);
        assertThat(ComposeCheck.env(check.services().get("collector")).get(ComposeCheck.JVM_OPTIONS_VARIABLE))
                .isEqualTo(io.thermalwatch.demo.bench.CollectorCpuBenchmark.JVM_OPTIONS);
        assertThat(Files.readString(ROOT.resolve("README.md"))).contains("java " + io.thermalwatch.demo.bench.CollectorCpuBenchmark.JVM_OPTIONS);
    }

    @Test
    void twoStreamsInstancesShareTheApplicationIdWithTheirOwnState() throws IOException {
        ComposeCheck check = new ComposeCheck(compose(), configTable(), ROOT);
        var one = check.services().get("streams-1");
        var two = check.services().get("streams-2");
        assertThat(two.get("command")).isEqualTo(one.get("command")).isEqualTo(List.of("io.thermalwatch.streams.StreamsMain"));
        assertThat(ComposeCheck.env(two).get("TW_STREAMS_APPLICATION_ID")).isNotNull()
                .isEqualTo(ComposeCheck.env(one).get("TW_STREAMS_APPLICATION_ID"));
        String volumeOne = ((List<?>) one.get("volumes")).get(0).toString().split(":")[0];
        String volumeTwo = ((List<?>) two.get("volumes")).get(0).toString().split(":")[0];
        assertThat(volumeOne).isNotEqualTo(volumeTwo);
    }

    @Test
    void grafanaAndAlertmanagerMountWhatTheRepositoryHolds() throws IOException {
        ComposeCheck check = new ComposeCheck(compose(), configTable(), ROOT);
        assertThat(check.services().get("grafana").get("volumes").toString())
                .contains("./grafana/provisioning:/etc/grafana/provisioning:ro", "./grafana/dashboards:/var/lib/grafana/dashboards:ro");
        assertThat(check.services().get("alertmanager").get("volumes").toString())
                .contains("./dispatcher/alertmanager.example.yml:/etc/alertmanager/alertmanager.yml:ro");
    }

    @Test
    void aMisspelledVariableIsNamed() throws IOException {
        assertThat(problems(broken("TW_SIM_RACKS:", "TW_SIM_RAKCS:")))
                .contains("collector sets TW_SIM_RAKCS, which io.thermalwatch.collector.CollectorMain does not read");
    }

    @Test
    void aVariableMissingFromTheConfigTableIsNamed() throws IOException {
        Set<String> table = configTable();
        table.remove("TW_SINK_DATABASE");
        assertThat(new ComposeCheck(compose(), table, ROOT).problems())
                .contains("sink sets TW_SINK_DATABASE, which the README config table does not list");
    }

    @Test
    void aValueTheAppRefusesIsNamed() throws IOException {
        assertThat(problems(broken("TW_SIM_RACKS: \"16\"", "TW_SIM_RACKS: \"0\"")))
                .anyMatch(p -> p.startsWith("collector: bad setting: TW_SIM_RACKS must be in 1..100000"));
    }

    @Test
    void aMissingMountedFileIsNamed() throws IOException {
        assertThat(problems(broken("./dispatcher/alertmanager.example.yml", "./dispatcher/alertmanager.missing.yml")))
                .contains("alertmanager mounts ./dispatcher/alertmanager.missing.yml, which is not in the repository");
        assertThat(problems(broken("--config.file=/etc/alertmanager/alertmanager.yml", "--config.file=/etc/alertmanager/am.yml")))
                .contains("alertmanager reads /etc/alertmanager/am.yml, which it does not mount");
        assertThat(problems(broken("- streams-2-state:/var", "- streams-3-state:/var")))
                .contains("streams-2 mounts volume streams-3-state, which the file's volumes do not declare");
    }

    @Test
    void aWrongPortIsNamed() throws IOException {
        assertThat(problems(broken("\"8080:8080\"", "\"8080:8081\"")))
                .contains("api publishes container port 8081, but it listens on [8080]");
        assertThat(problems(broken("TW_SINK_METRICS_PORT: \"9466\"", "TW_SINK_METRICS_PORT: \"9467\"")))
                .contains("sink publishes container port 9466, but it listens on [9467]",
                        "sink's healthcheck probes port 9466, but it listens on [9467]");
        assertThat(problems(broken("TW_ALERTMANAGER_URLS: http://alertmanager:9093", "TW_ALERTMANAGER_URLS: http://alertmanager:9094")))
                .contains("dispatcher's TW_ALERTMANAGER_URLS points at alertmanager:9094, but alertmanager listens on [9093]");
    }

    @Test
    void anAddressOutsideTheFileIsNamed() throws IOException {
        assertThat(problems(broken("TW_SINK_INFLUX_URL: http://influxdb:8086", "TW_SINK_INFLUX_URL: http://influx:8086")))
                .contains("sink's TW_SINK_INFLUX_URL points at influx:8086, but influx is not a service of the file");
        assertThat(problems(broken("TW_API_BASE_URL: http://localhost:8080", "TW_API_BASE_URL: http://localhost:8088")))
                .contains("dispatcher's TW_API_BASE_URL links people to port 8088, which no service publishes");
    }

    @Test
    void aWaitOnAServiceWithoutHealthcheckIsNamed() throws IOException {
        String yaml = broken("""
                      alertmanager:
                        condition: service_healthy
                      streams-1:
                """, """
                      alertmanager:
                        condition: service_healthy
                      streams-2:
                        condition: service_healthy
                      brokr:
                        condition: service_started
                      streams-1:
                """);
        assertThat(problems(yaml)).contains(
                "dispatcher waits for streams-2 to be healthy, but streams-2 has no healthcheck",
                "dispatcher depends on brokr, which is not a service");
    }

    @Test
    void anUnknownMainClassIsNamed() throws IOException {
        assertThat(problems(broken("io.thermalwatch.sink.SinkMain", "io.thermalwatch.sink.SinkMian")))
                .contains("sink runs io.thermalwatch.sink.SinkMian, which is not a class with a main on the classpath");
    }
}
