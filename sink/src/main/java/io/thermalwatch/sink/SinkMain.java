package io.thermalwatch.sink;

import io.thermalwatch.model.EnvSettings;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/** Runs the history sink from environment settings: wiring only. */
public final class SinkMain {

    private SinkMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        InfluxSinkConfig config;
        try {
            config = InfluxSinkConfig.fromEnv(EnvSettings.system());
        } catch (IllegalArgumentException e) {
            System.err.println("sink: bad setting: " + e.getMessage());
            System.exit(2);
            return;
        }
        InfluxSink sink = new InfluxSink(config, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sink.close();
            stopped.countDown();
        }, "sink-shutdown"));
        try {
            sink.start();
        } catch (RuntimeException e) {
            System.err.println("sink: cannot start: " + e.getMessage());
            System.exit(2);
        }
        stopped.await();
    }
}
