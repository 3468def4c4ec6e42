package io.thermalwatch.demo;

import io.thermalwatch.model.EnvSettings;
import io.thermalwatch.sink.InfluxSink;
import io.thermalwatch.sink.InfluxSinkConfig;
import io.thermalwatch.sink.bench.InfluxdServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * History in the demo: a real {@code influxd} (when the Debian {@code influxdb} package is
 * installed) on free ports with its data in a temporary directory, filled by the InfluxDB sink.
 * Without the binary the demo runs on and says what it skipped.
 */
final class DemoHistory implements AutoCloseable {

    static final String DATABASE = "thermalwatch";

    private final InfluxdServer influxd;
    private final InfluxSink sink;
    private final Path dir;

    private DemoHistory(InfluxdServer influxd, InfluxSink sink, Path dir) {
        this.influxd = influxd;
        this.sink = sink;
        this.dir = dir;
    }

    /** Starts both, or returns null when influxd is not installed. */
    static DemoHistory startIfInstalled(EnvSettings env, String bootstrapServers, Clock clock) throws IOException {
        if (!InfluxdServer.installed()) {
            return null;
        }
        Path dir = Files.createTempDirectory("thermalwatch-demo-influxd-");
        InfluxdServer influxd = InfluxdServer.start(dir);
        InfluxSink sink = new InfluxSink(InfluxSinkConfig.fromEnv(env).with(bootstrapServers, "thermalwatch-demo-sink",
                influxd.url(), DATABASE, 0), clock);
        sink.start();
        return new DemoHistory(influxd, sink, dir);
    }

    /** What the demo prints when the binary is missing. */
    static String skipped() {
        return "skipped (install it: apt-get install influxdb)";
    }

    /** A query a user can paste: each rack's mean power over the last five minutes. */
    String example() {
        return "curl -G " + influxd.url() + "/query --data-urlencode db=" + DATABASE
                + " --data-urlencode \"q=SELECT mean(totalPowerW) FROM raw.rack WHERE time > now() - 5m GROUP BY rack\"";
    }

    @Override
    public void close() {
        try {
            sink.close();
        } finally {
            influxd.close();
            DemoMain.removeTree(dir);
        }
    }
}
