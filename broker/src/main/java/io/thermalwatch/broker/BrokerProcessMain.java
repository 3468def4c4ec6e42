package io.thermalwatch.broker;

import java.io.FileInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Entry point of the broker child process: formats the KRaft log directory on first start, then
 * runs {@code kafka.Kafka}. It exits when the JVM that started it exits, so a killed demo or test
 * never leaves an orphan broker holding its ports.
 *
 * <p>Arguments: {@code <server.properties> <cluster-id> <parent-pid>}.
 */
public final class BrokerProcessMain {

    private BrokerProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: BrokerProcessMain <server.properties> <cluster-id> <parent-pid>");
            System.exit(2);
        }
        Path properties = Path.of(args[0]);
        String clusterId = args[1];
        long parentPid = Long.parseLong(args[2]);
        ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(0)),
                () -> Runtime.getRuntime().halt(0));

        Path logDir = Path.of(load(properties).getProperty("log.dirs"));
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            int rc = kafka.tools.StorageTool.execute(
                    new String[] {"format", "-t", clusterId, "-c", properties.toString()},
                    new PrintStream(System.out, true));
            if (rc != 0) {
                System.err.println("kafka storage format failed with exit code " + rc);
                System.exit(rc);
            }
        }
        kafka.Kafka.main(new String[] {properties.toString()});
    }

    private static Properties load(Path file) throws Exception {
        Properties props = new Properties();
        try (InputStream in = new FileInputStream(file.toFile())) {
            props.load(in);
        }
        return props;
    }
}
