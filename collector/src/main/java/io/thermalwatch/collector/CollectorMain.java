package io.thermalwatch.collector;

import io.thermalwatch.collector.publish.TelemetryPublisher;
import io.thermalwatch.collector.sim.FleetSimulator;
import io.thermalwatch.model.EnvSettings;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a collector with the simulated fleet: wiring only. */
public final class CollectorMain {

    private static final Logger LOG = LoggerFactory.getLogger(CollectorMain.class);

    private CollectorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        CollectorConfig config;
        try {
            config = CollectorConfig.fromEnv(EnvSettings.system());
        } catch (IllegalArgumentException e) {
            System.err.println("collector: bad setting: " + e.getMessage());
            System.exit(2);
            return;
        }
        TelemetryPublisher publisher = TelemetryPublisher.create(config.bootstrapServers(), config.producer(), "thermalwatch-collector");
        SamplingLoop loop = new SamplingLoop(new FleetSimulator(config.fleet(), config.seed()), publisher,
                Clock.systemUTC(), config.interval());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            loop.close();
            publisher.close();
            stopped.countDown();
        }, "collector-shutdown"));
        loop.start();
        LOG.info("collector started: {} GPUs in {} racks every {} ms to {}", config.fleet().gpus(),
                config.fleet().racks(), config.interval().toMillis(), config.bootstrapServers());
        stopped.await();
    }
}
