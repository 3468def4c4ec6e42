package io.thermalwatch.streams;

import io.thermalwatch.model.EnvSettings;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/** Runs the streams app from environment settings: wiring only. */
public final class StreamsMain {

    private StreamsMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        TelemetryStreamsConfig config;
        try {
            config = TelemetryStreamsConfig.fromEnv(EnvSettings.system());
        } catch (IllegalArgumentException e) {
            System.err.println("streams: bad setting: " + e.getMessage());
            System.exit(2);
            return;
        }
        TelemetryStreamsApp app = new TelemetryStreamsApp(config, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "streams-shutdown"));
        try {
            app.start();
        } catch (IllegalStateException e) {
            System.err.println("streams: cannot start: " + e.getMessage());
            System.exit(2);
        }
        stopped.await();
    }
}
