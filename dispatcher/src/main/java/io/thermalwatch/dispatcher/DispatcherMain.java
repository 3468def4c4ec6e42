package io.thermalwatch.dispatcher;

import io.thermalwatch.model.EnvSettings;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/** Runs the dispatcher from environment settings: wiring only. */
public final class DispatcherMain {

    private DispatcherMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        DispatcherConfig config;
        try {
            config = DispatcherConfig.fromEnv(EnvSettings.system());
        } catch (IllegalArgumentException e) {
            System.err.println("dispatcher: bad setting: " + e.getMessage());
            System.exit(2);
            return;
        }
        DispatcherApp app = new DispatcherApp(config, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "dispatcher-shutdown"));
        app.start();
        stopped.await();
    }
}
