package io.thermalwatch.demo.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/broker}: just our broker on a fixed port, serving clients, its data kept on stop. */
class BrokerMainIT {

    @Test
    void servesOnTheConfiguredPortAndStopsOnSigterm(@TempDir Path dir) throws Exception {
        int port = freePort();
        int controllerPort = freePort();
        Path data = dir.resolve("broker-data");
        Path log = dir.resolve("out.txt");
        Process broker = ToolProcess.builder(BrokerMain.class, Map.of("TW_BROKER_PORT", Integer.toString(port),
                        "TW_BROKER_CONTROLLER_PORT", Integer.toString(controllerPort), "TW_BROKER_DATA_DIR", data.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(broker.isAlive()).as("exited early:\n%s", Files.readString(log)).isTrue();
                return Files.readString(log).contains("Kafka broker ready at 127.0.0.1:" + port);
            });
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + port))) {
                admin.createTopics(List.of(new NewTopic("served", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("served");
            }
        } finally {
            broker.destroy();
            assertThat(broker.waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
        assertThat(Files.readString(log)).contains("data in " + data.toAbsolutePath()).contains("broker stopped.");
        assertThat(data.resolve("logs").resolve("meta.properties")).as("data kept for the next start").exists();
    }

    @Test
    void aBadPortIsNamed(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("out.txt");
        Process broker = ToolProcess.builder(BrokerMain.class, Map.of("TW_BROKER_PORT", "90000"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(broker.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(broker.exitValue()).isEqualTo(2);
        assertThat(Files.readString(log).strip()).isEqualTo("broker: bad setting: TW_BROKER_PORT must be in 1..65535, was 90000");
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
