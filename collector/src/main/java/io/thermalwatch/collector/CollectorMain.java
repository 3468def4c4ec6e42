package io.thermalwatch.collector;

import io.thermalwatch.collector.publish.TelemetryPublisher;
import io.thermalwatch.model.EnvSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * Runs a collector: wiring only.
 *
 * <pre>
 * CollectorMain [--config FILE] [--print [--ticks N]]
 * </pre>
 * {@code --print} reads the configured sources N times (default 5) and prints each sample as a JSON
 * line to stdout, without Kafka: a by-hand check of a node, like {@code dcgmi dmon}.
 */
public final class CollectorMain {

    private CollectorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-collector.xml"); // logs to stderr
        }
        Arguments arguments;
        CollectorConfig config;
        try {
            arguments = Arguments.parse(args);
            config = arguments.configFile() == null ? CollectorConfig.fromEnv(EnvSettings.system())
                    : CollectorConfig.fromFileAndEnv(arguments.configFile(), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("collector: " + e.getMessage());
            System.exit(PrintMode.EXIT_USAGE);
            return;
        }
        CollectorMetrics metrics = new CollectorMetrics();
        List<TelemetrySource> sources;
        try {
            sources = Sources.create(config, metrics);
        } catch (IllegalArgumentException e) {
            // a setting's content is wrong (a scenario target that does not exist, ...): a usage error
            System.err.println("collector: " + e.getMessage());
            System.exit(PrintMode.EXIT_USAGE);
            return;
        } catch (RuntimeException e) {
            System.err.println("collector: cannot open the sources " + config.sources() + ": " + e.getMessage());
            // print mode: a source that cannot be opened is a failed read (README: exit 1)
            System.exit(arguments.print() ? PrintMode.EXIT_READ_FAILED : PrintMode.EXIT_USAGE);
            return;
        }
        if (arguments.print()) {
            System.exit(PrintMode.run(sources, config.interval(), arguments.ticks(), System.out, System.err));
        }
        run(config, sources, metrics);
    }

    private static void run(CollectorConfig config, List<TelemetrySource> sources, CollectorMetrics metrics)
            throws InterruptedException {
        TelemetryPublisher publisher = TelemetryPublisher.create(config.bootstrapServers(), config.producer(),
                "thermalwatch-collector-" + config.node().node()).reportTo(metrics);
        SamplingLoop loop = new SamplingLoop(sources, publisher, Clock.systemUTC(), config.interval(), config.phase(),
                metrics);
        MetricsServer server = config.metricsPort() == 0 ? null
                : new MetricsServer(config.metricsPort(), metrics, publisher::healthProblem);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            loop.close();
            publisher.close();
            if (server != null) {
                server.close();
            }
            stopped.countDown();
        }, "collector-shutdown"));
        loop.start();
        LoggerFactory.getLogger(CollectorMain.class).info("collector started: sources {} every {} ms to {}; metrics on :{}", config.sources(),
                config.interval().toMillis(), config.bootstrapServers(), server == null ? "-" : server.port());
        stopped.await();
    }

    /** Command-line arguments. */
    record Arguments(Path configFile, boolean print, int ticks) {

        static Arguments parse(String[] args) {
            Path config = System.getenv("TW_CONFIG_FILE") == null ? null : Path.of(System.getenv("TW_CONFIG_FILE"));
            boolean print = false;
            int ticks = 5;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--config" -> config = Path.of(value(args, ++i, "--config"));
                    case "--print" -> print = true;
                    case "--ticks" -> ticks = Integer.parseInt(value(args, ++i, "--ticks"));
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                            + "'; usage: CollectorMain [--config FILE] [--print [--ticks N]]");
                }
            }
            if (ticks < 1) {
                throw new IllegalArgumentException("--ticks must be at least 1");
            }
            return new Arguments(config, print, ticks);
        }

        private static String value(String[] args, int i, String flag) {
            if (i >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return args[i];
        }
    }
}
