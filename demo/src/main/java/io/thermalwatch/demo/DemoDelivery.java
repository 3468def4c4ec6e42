package io.thermalwatch.demo;

import io.thermalwatch.dispatcher.DispatcherApp;
import io.thermalwatch.dispatcher.DispatcherConfig;
import io.thermalwatch.dispatcher.alertmanager.LocalAlertmanager;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * On-call delivery in the demo: a real Alertmanager (when {@code prometheus-alertmanager} is
 * installed; its demo config routes like the shipped example but notifies nobody) fed by the
 * dispatcher. Without the binary the demo runs on and says what it skipped.
 */
final class DemoDelivery implements AutoCloseable {

    /** Alertmanager's usual port, taken when free. */
    static final int USUAL_PORT = 9093;

    private final LocalAlertmanager alertmanager;
    private final DispatcherApp dispatcher;
    private final Path dir;

    private DemoDelivery(LocalAlertmanager alertmanager, DispatcherApp dispatcher, Path dir) {
        this.alertmanager = alertmanager;
        this.dispatcher = dispatcher;
        this.dir = dir;
    }

    /** Starts both, or returns null when Alertmanager is not installed. */
    static DemoDelivery startIfInstalled(String bootstrapServers, URI apiBase, Clock clock)
            throws IOException, InterruptedException {
        if (!LocalAlertmanager.installed()) {
            return null;
        }
        Path dir = Files.createTempDirectory("thermalwatch-demo-alertmanager-");
        LocalAlertmanager am = LocalAlertmanager.start(dir, port(), Duration.ofSeconds(60));
        DispatcherApp dispatcher = new DispatcherApp(new DispatcherConfig(bootstrapServers, "thermalwatch-demo-dispatcher",
                List.of(am.url()), apiBase, Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ofSeconds(5), 0), clock);
        dispatcher.start();
        return new DemoDelivery(am, dispatcher, dir);
    }

    /** What the demo prints when the binary is missing. */
    static String skipped() {
        return "skipped (install it: apt-get install prometheus-alertmanager)";
    }

    URI alertmanagerUrl() {
        return alertmanager.url();
    }

    private static int port() throws IOException {
        try (ServerSocket s = new ServerSocket(USUAL_PORT)) {
            return USUAL_PORT;
        } catch (IOException taken) {
            try (ServerSocket s = new ServerSocket(0)) {
                return s.getLocalPort();
            }
        }
    }

    @Override
    public void close() {
        try {
            dispatcher.close();
        } finally {
            alertmanager.close();
            DemoMain.removeTree(dir);
        }
    }
}
