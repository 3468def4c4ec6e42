package io.thermalwatch.demo.tools;

import io.thermalwatch.broker.KafkaBroker;
import io.thermalwatch.model.EnvSettings;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/broker}: just our Kafka broker (KRaft, single node, a child JVM), for running the
 * services one by one without Docker. Listens on {@code 127.0.0.1:TW_BROKER_PORT} (9092), keeps
 * its data in {@code TW_BROKER_DATA_DIR} ({@code .broker}) across restarts; Ctrl-C stops it.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    /**
     * @param port           {@code TW_BROKER_PORT}: clients' port on 127.0.0.1
     * @param controllerPort {@code TW_BROKER_CONTROLLER_PORT}: the KRaft controller's port
     * @param dataDir        {@code TW_BROKER_DATA_DIR}: log directory, kept across restarts
     */
    public record Settings(int port, int controllerPort, Path dataDir) {

        public Settings {
            if (port == controllerPort) {
                throw new IllegalArgumentException("TW_BROKER_CONTROLLER_PORT must differ from TW_BROKER_PORT, both were " + port);
            }
        }

        public static Settings fromEnv(EnvSettings env) {
            return new Settings((int) env.integer("TW_BROKER_PORT", 9092, 1, 65_535),
                    (int) env.integer("TW_BROKER_CONTROLLER_PORT", 9093, 1, 65_535),
                    Path.of(env.string("TW_BROKER_DATA_DIR", ".broker")).toAbsolutePath());
        }
    }

    public static void main(String[] args) throws InterruptedException {
        System.setProperty("logback.configurationFile", "logback-tools.xml");
        Settings settings;
        try {
            settings = Settings.fromEnv(EnvSettings.system());
        } catch (IllegalArgumentException e) {
            System.err.println("broker: bad setting: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("starting a Kafka broker (KRaft) on 127.0.0.1:" + settings.port() + ", data in "
                + settings.dataDir() + " ...");
        KafkaBroker broker = KafkaBroker.startPersistent(settings.dataDir(), settings.port(), settings.controllerPort());
        System.out.println("Kafka broker ready at " + broker.bootstrapServers() + " (log: " + broker.logFile()
                + "). Ctrl-C stops it.");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            System.out.println("broker stopped.");
            stopped.countDown();
        }, "broker-shutdown"));
        stopped.await();
    }
}
