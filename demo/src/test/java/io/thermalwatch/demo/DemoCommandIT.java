package io.thermalwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command as a user runs it: DemoMain in its own JVM on the packaged runtime
 * classpath ({@code target/classpath.txt}, what {@code bin/demo} uses), answering over HTTP, with
 * numbers that change window by window, one summary line per window, and stopping within
 * seconds when its whole process group gets SIGTERM (as on Ctrl-C), even after its broker died.
 */
class DemoCommandIT {

    /** The token the running demo printed: the API refuses its {@code /api/} paths without one. */
    private static final Pattern TOKEN = Pattern.compile("export TW_TOKEN=(\\S+)");
    private static volatile Path demoLog;

    @Test
    void demoServesRacksOverHttpAndStopsCleanly(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path log = dir.resolve("demo.log");
        Process demo = startDemo(dir, port, log);
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI racks = URI.create("http://localhost:" + port + "/api/v1/racks");
            long[] firstWindow = {0};
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                assertThat(demo.isAlive()).as("demo exited early:\n%s", Files.readString(log)).isTrue();
                String body = get(http, racks);
                if (body == null || !body.startsWith("{\"count\":2,")) {
                    return false;
                }
                firstWindow[0] = windowStart(body);
                return true;
            });
            // a new 10 s window replaces the first one
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> windowStart(get(http, racks)) > firstWindow[0]);
            String health = get(http, URI.create("http://localhost:" + port + "/health"));
            assertThat(health).contains("\"status\":\"UP\"");
            // summary lines: one per window, so a second one follows the second window
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> summaryLines(log).size() >= 2);
            // the default scenario fails r01-k01's pump 20 s in: critical alerts fire, the API lists
            // them and the summary line counts them
            URI criticals = URI.create("http://localhost:" + port + "/api/v1/alerts?severity=critical&rack=r01-k01");
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                String body = get(http, criticals);
                return body != null && body.contains("\"rule\":\"coolant-pump-failed\"");
            });
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> summaryLines(log).stream()
                    .anyMatch(l -> criticalCount(l) > 0));
            System.out.println("first summary line counting critical alerts: " + summaryLines(log).stream()
                    .filter(l -> criticalCount(l) > 0).findFirst().orElseThrow());
            // the dispatcher delivered it to the demo's real Alertmanager, and the sink keeps history in
            // its real influxd (bin/test installs both)
            String banner = Files.readString(log);
            Matcher am = Pattern.compile("alertmanager: (http://127\\.0\\.0\\.1:\\d+)/").matcher(banner);
            assertThat(am.find()).as("the demo's banner names its Alertmanager:\n%s", banner).isTrue();
            URI amAlerts = URI.create(am.group(1) + "/api/v2/alerts?filter=alertname%3D%22CoolantPumpFailed%22");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                String body = get(http, amAlerts);
                return body != null && body.contains("\"rack\":\"r01-k01\"");
            });
            Matcher influx = Pattern.compile("influxdb: curl -G (http://127\\.0\\.0\\.1:\\d+)/query").matcher(banner);
            assertThat(influx.find()).as("the demo's banner names its influxd:\n%s", banner).isTrue();
            URI rackPoints = URI.create(influx.group(1) + "/query?db=thermalwatch&q="
                    + java.net.URLEncoder.encode("SELECT count(totalPowerW) FROM raw.rack", java.nio.charset.StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                String body = get(http, rackPoints);
                return body != null && body.contains("\"count\"") && !body.contains("\"count\",0]");
            });
            // ... and silences r01-k02-n03 at 30 s for 40 s: the deadman pages in real time, with no
            // sample of that node arriving to trigger it
            URI stale = URI.create("http://localhost:" + port + "/api/v1/alerts?rack=r01-k02");
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                String body = get(http, stale);
                return body != null && body.contains("\"id\":\"telemetry-stale|r01-k02|r01-k02-n03\"");
            });
        } finally {
            stopGroupAndAssertAllGone(demo, log);
        }
        String out = Files.readString(log);
        assertThat(out).contains("Thermalwatch demo is running: 2 racks, 144 GPUs")
                .contains("curl http://localhost:" + port + "/api/v1/racks")
                .contains("page:    http://localhost:" + port + "/#token=")
                .contains("curl http://localhost:" + port + "/api/v1/alerts")
                .contains("faults:  4 faults in the first 120 s")
                .contains("\nstopped.\n")
                .doesNotContain("\u001b[");
        List<String> summaries = summaryLines(log);
        assertThat(summaries).as("no summary line twice").doesNotHaveDuplicates()
                .allSatisfy(l -> assertThat(criticalCount(l)).as("counts firing alerts: %s", l).isNotNegative());
        assertThat(summaries.stream().map(l -> l.substring(0, "window to HH:MM:SSZ".length())))
                .as("one summary per window").doesNotHaveDuplicates();
    }

    @Test
    void stopsWithinSecondsWhenTheBrokerDiedFirst(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path log = dir.resolve("demo.log");
        Process demo = startDemo(dir, port, log);
        try {
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                assertThat(demo.isAlive()).as("demo exited early:\n%s", Files.readString(log)).isTrue();
                return get(http, URI.create("http://localhost:" + port + "/api/v1/racks")) != null;
            });
            ProcessHandle broker = brokerChild(demo);
            broker.destroyForcibly(); // SIGKILL: the broker is gone before the demo hears anything
            await().atMost(Duration.ofSeconds(15)).until(() -> !broker.isAlive());
        } finally {
            stopGroupAndAssertAllGone(demo, log);
        }
        assertThat(Files.readString(log)).contains("\nstopped");
    }

    /** DemoMain as bin/demo runs it, in a process group of its own (as in a terminal). */
    private static Process startDemo(Path dir, int port, Path log) throws IOException {
        demoLog = log;
        Path classpath = Path.of("target", "classpath.txt");
        assertThat(classpath).as("written by 'mvn package'").exists();
        ProcessBuilder pb = new ProcessBuilder("setsid", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", "target/classes:" + Files.readString(classpath).trim(), "io.thermalwatch.demo.DemoMain")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("THERMALWATCH_API_PORT", Integer.toString(port));
        pb.environment().put("TW_SIM_RACKS", "2");
        pb.environment().put("TW_STREAMS_STATE_DIR", dir.resolve("state").toString());
        return pb.start();
    }

    private static ProcessHandle brokerChild(Process demo) {
        // ProcessHandle.Info cuts long command lines (the classpath): read /proc instead
        return demo.descendants().filter(p -> {
            try {
                return Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"))
                        .contains("io.thermalwatch.broker.BrokerProcessMain");
            } catch (IOException e) {
                return false;
            }
        }).findFirst().orElseThrow(() -> new AssertionError("no broker child process"));
    }

    /**
     * SIGTERM to the demo's whole process group, as Ctrl-C in a terminal sends it: the broker child
     * gets it too. Everything, the broker included, must be gone within 15 s.
     */
    private static void stopGroupAndAssertAllGone(Process demo, Path log) throws Exception {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(demo.toHandle());
        demo.descendants().forEach(all::add);
        long begin = System.nanoTime();
        new ProcessBuilder("kill", "-TERM", "--", "-" + demo.pid()).inheritIO().start().waitFor();
        try {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> all.stream().noneMatch(ProcessHandle::isAlive));
            System.out.printf("demo process group (%d processes) gone %d ms after SIGTERM%n", all.size(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            all.forEach(ProcessHandle::destroyForcibly);
            throw new AssertionError("still running 15 s after SIGTERM to the process group: "
                    + all.stream().filter(ProcessHandle::isAlive).map(p -> p.pid() + " " + p.info().command().orElse(""))
                            .toList() + "\nlog:\n" + Files.readString(log), e);
        }
    }

    private static List<String> summaryLines(Path log) throws IOException {
        return Files.readAllLines(log).stream().filter(l -> l.startsWith("window to ")).toList();
    }

    /** The critical count of a summary line ({@code ... | alerts firing 3 critical, 1 warning | ...}), or -1. */
    private static int criticalCount(String summaryLine) {
        Matcher m = Pattern.compile("\\| alerts firing (\\d+) critical, (\\d+) warning \\|").matcher(summaryLine);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String get(HttpClient http, URI uri) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5));
            if (uri.getPath().startsWith("/api/v1/") && demoLog != null) {
                Matcher token = TOKEN.matcher(Files.readString(demoLog));
                if (!token.find()) {
                    return null; // not printed yet
                }
                request.header("Authorization", "Bearer " + token.group(1));
            }
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static long windowStart(String body) {
        if (body == null) {
            return 0;
        }
        Matcher m = Pattern.compile("\"windowStartMs\":(\\d+)").matcher(body);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
