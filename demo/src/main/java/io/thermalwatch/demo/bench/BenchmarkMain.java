package io.thermalwatch.demo.bench;

import io.thermalwatch.sink.bench.InfluxdServer;
import io.thermalwatch.sink.bench.SinkRatioBenchmark;

import io.thermalwatch.broker.KafkaBroker;
import io.thermalwatch.model.EnvSettings;
import io.thermalwatch.model.Topics;
import io.thermalwatch.streams.TelemetryStreamsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The benchmark command ({@code bin/benchmark}): measures the pipeline from outside, through its
 * topics and its real mains, and writes {@code docs/benchmarks.md}. Steps: raw produce of a fleet's
 * records to a fresh topic; the same records preloaded, then the streams app ({@code StreamsMain},
 * its own JVM, default settings) catching up, with every closed window checked; its heap and state;
 * a ladder of live loads; the latency at half the highest sustained load.
 */
public final class BenchmarkMain {

    /** Ticks preloaded: three 10 s windows and the grace that closes the third. */
    static final int PRELOAD_TICKS = 36;
    private static final String RAW_TOPIC = "thermalwatch.bench.raw-produce";
    /** Ticks produced to the raw topic before the timed raw produce. */
    static final int WARM_UP_TICKS = 6;
    private static final String APP_ID = "thermalwatch-bench";
    /** Faults injected per tick of the latency run (see {@link FaultPlan}): 4 × 33 ticks of a 40 s run. */
    static final int FAULTS_PER_TICK = 4;


    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("logback.configurationFile", "logback-demo.xml");
        BenchSettings settings;
        try {
            settings = BenchSettings.fromEnv(EnvSettings.system());
        } catch (IllegalArgumentException e) {
            System.err.println("benchmark: bad setting: " + e.getMessage());
            System.exit(2);
            return;
        }
        BenchResults results = run(settings, Clock.systemUTC(), new Progress());
        Files.createDirectories(settings.report().toAbsolutePath().getParent());
        Files.writeString(settings.report(), BenchReport.markdown(results));
        System.err.println("benchmark: wrote " + settings.report());
        System.exit(0); // everything is closed; no lingering client thread keeps the JVM up
    }

    static BenchResults run(BenchSettings settings, Clock clock, Progress progress) throws Exception {
        Instant started = clock.instant();
        double loadAtStart = MachineInfo.loadAverage();
        TelemetryStreamsConfig defaults = TelemetryStreamsConfig.fromEnv(new EnvSettings(Map.of()));
        long windowMs = defaults.window().toMillis();
        long graceMs = defaults.grace().toMillis();
        int partitions = defaults.topicPartitions();
        int maxLoad = settings.loads().get(settings.loads().size() - 1);

        Path runDir = Files.createTempDirectory(Files.createDirectories(
                TelemetryStreamsConfig.DEFAULT_STATE_DIR.resolveSibling("bench")), "run-");
        // the ladder's racks, then as many again as half the top load needs: the latency run's own
        int ladderRacks = Math.max(settings.racks(), maxLoad / 72 + 1);
        int racks = ladderRacks + maxLoad / 2 / 72 + 1;
        progress.say("simulating one tick of " + racks + " racks; state in " + runDir);
        SampleTemplates templates = SampleTemplates.simulate(racks);

        progress.say("starting a Kafka broker");
        try (KafkaBroker broker = KafkaBroker.startEphemeralForLoad();
             Admin admin = broker.admin();
             Feed feed = new Feed(broker.bootstrapServers())) {
            List<NewTopic> topics = new ArrayList<>(inputTopics(partitions));
            topics.add(new NewTopic(RAW_TOPIC, partitions, (short) 1).configs(LOG_APPEND_TIME));
            broker.createTopics(topics);
            int inventoried = publishInventory(broker.bootstrapServers(), templates);
            progress.say(String.format("published the inventory of %,d racks", inventoried));
            // ten minutes in the past: windowed by event time, closed in order, none late
            long firstEvent = (clock.millis() - 600_000) / windowMs * windowMs;
            progress.say(String.format("raw produce: %,d records", (long) templates.recordsPerTick(settings.racks()) * PRELOAD_TICKS));
            // untimed: the broker's first writes to fresh partitions and both JVMs' JIT are not what is measured
            feed.bulk(templates, RAW_TOPIC, settings.racks(), firstEvent - WARM_UP_TICKS * 1_000L, WARM_UP_TICKS);
            Feed.Produced raw = feed.bulk(templates, RAW_TOPIC, settings.racks(), firstEvent, PRELOAD_TICKS);
            progress.say(String.format("  %,.0f records/s, %,.0f GPU samples/s, %.1f MB/s", raw.recordsPerS(),
                    raw.gpuSamplesPerS(), raw.megabytesPerS()));
            progress.say("preloading the same records into " + Topics.NODE_SAMPLES + " and " + Topics.COOLANT_SAMPLES);
            Feed.Produced preload = feed.bulk(templates, Topics.NODE_SAMPLES, settings.racks(), firstEvent, PRELOAD_TICKS);

            Path stateDir = Files.createDirectories(runDir.resolve("streams-state"));
            long launched = System.nanoTime();
            try (StreamsChild streams = StreamsChild.start(broker.bootstrapServers(), APP_ID, stateDir,
                    runDir.resolve("streams.log"))) {
                progress.say("streams app started (log: " + runDir.resolve("streams.log") + ")");
                GroupProgress group = new GroupProgress(admin, APP_ID, Topics.NODE_SAMPLES, Topics.COOLANT_SAMPLES);
                CpuMeter cpu = new CpuMeter(streams.handle());
                BenchResults.CatchUp catchUp = catchUp(group, preload, launched, streams, cpu, progress);
                progress.say(String.format("  streams: %,.0f records/s (%.2f × raw produce), %.1f µs CPU a record,"
                                + " %.2f cores; broker %.2f cores", catchUp.recordsPerS(), catchUp.recordsPerS() / raw.recordsPerS(),
                        catchUp.cpu().streamsMicrosPer(catchUp.recordsMeasured()),
                        CpuMeter.Used.cores(catchUp.cpu().streamsS(), catchUp.cpu().wallS()),
                        CpuMeter.Used.cores(catchUp.cpu().brokerS(), catchUp.cpu().wallS())));

                awaitTopic(admin, Topics.RACK_AGGREGATES);
                awaitTopic(admin, Topics.ALERTS);
                try (AggregateWatch watch = new AggregateWatch(broker.bootstrapServers(), partitions, clock);
                     AlertWatch alertWatch = new AlertWatch(broker.bootstrapServers(), partitions, clock)) {
                    int expected = settings.racks() * (int) ((PRELOAD_TICKS * 1_000L - 1_000 - graceMs) / windowMs);
                    long fullWindow = (long) templates.nodesPerRack() * (windowMs / 1_000);
                    long preloadEnd = firstEvent + PRELOAD_TICKS * 1_000L;
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    // Kafka Streams emits closed windows only when records arrive (at most once a
                    // second): a live fleet's next ticks, one a second, until all are read
                    long keepAlive = preloadEnd;
                    while (watch.within(firstEvent, preloadEnd).size() < expected && System.nanoTime() < deadline) {
                        feed.bulk(templates, Topics.NODE_SAMPLES, settings.racks(), keepAlive, 1);
                        keepAlive += 1_000;
                        TimeUnit.MILLISECONDS.sleep(1_000);
                    }
                    int complete = (int) watch.within(firstEvent, preloadEnd).stream()
                            .filter(s -> s.samples() == fullWindow).count();
                    progress.say("  rack windows complete: " + complete + " / " + expected);

                    long heap = streams.usedHeapAfterFullGcBytes();
                    long state = streams.stateDirBytes();
                    progress.say(String.format("  streams heap after full GC %,d MB, state %,.1f MB", heap >> 20, state / 1048576.0));

                    LoadStep step = new LoadStep(feed, templates, watch, group, cpu, clock, progress, windowMs, graceMs);
                    List<LoadStep.Result> ladder = new ArrayList<>();
                    for (int load : settings.loads()) {
                        LoadStep.Result result = step.run(load, settings.stepSeconds());
                        ladder.add(result);
                        if (!result.keptUp() || !streams.isAlive()) {
                            break;
                        }
                    }
                    int sustained = ladder.stream().filter(LoadStep.Result::keptUp)
                            .mapToInt(LoadStep.Result::targetGpuPerS).max().orElse(0);
                    LoadStep.WithFaults half = null;
                    if (sustained > 0) {
                        LoadStep ownRacks = new LoadStep(feed, templates.from(ladderRacks), watch, group, cpu, clock,
                                progress, windowMs, graceMs);
                        half = halfLoad(broker.bootstrapServers(), runDir, step, ownRacks, sustained, settings, alertWatch,
                                clock, progress);
                    }
                    streams.close(); // the sink's run gets the machine to itself
                    SinkRatioBenchmark.Figures sink = sinkRatio(runDir, progress,
                            Math.min(100, settings.racks()));
                    CollectorCpuBenchmark.Result collector = collectorCpu(broker.bootstrapServers(), runDir,
                            settings.collectorSeconds(), progress);
                    ApiLatencyBenchmark.Result api = apiLatency(runDir, clock, progress, windowMs, graceMs, partitions,
                            settings.apiSeconds());
                    List<ScalingRun.Cell> scaling = scaling(templates, settings, runDir, clock, progress);
                    long seconds = ChronoUnit.SECONDS.between(started, clock.instant());
                    // the state is large at full scale; a failed run keeps it (and the app's log) to look at
                    removeOnExit(runDir);
                    return new BenchResults(settings, MachineInfo.current(), started.truncatedTo(ChronoUnit.SECONDS).toString(),
                            loadAtStart, MachineInfo.loadAverage(), partitions, raw, catchUp, expected, complete,
                            heap, state, ladder, half, seconds, sink, api, collector, scaling);
                }
            }
        }
    }

    /**
     * The latency run at half the sustained load, on racks of its own ({@code ownRacks}: none of the
     * ladder's, so no rack comes back from silence and resolves a burst of staleness alerts), after
     * the backlog drained and the ladder's racks settled; with the dispatcher and a real Alertmanager started just before it, the dispatcher
     * caught up (see {@link DeliveryWatch}), when Alertmanager is installed.
     */
    private static LoadStep.WithFaults halfLoad(String bootstrapServers, Path runDir, LoadStep step, LoadStep ownRacks,
                                                int sustained,
                                                BenchSettings settings, AlertWatch alertWatch, Clock clock,
                                                Progress progress) throws Exception {
        progress.say("draining the backlog before the latency run");
        if (!step.drain(180_000)) {
            progress.say("  backlog not drained in 180 s: no latency run");
            return null;
        }
        // counted from the drain's end, not the ladder's last tick: a backlog drained late leaves the
        // ladder's racks to go stale (and their alerts to escalate) only from then
        settle(clock, clock.millis() + settings.settleSeconds() * 1_000L, progress);
        try (DeliveryWatch delivery = DeliveryWatch.startIfInstalled(bootstrapServers,
                Files.createDirectories(runDir.resolve("alertmanager")), clock)) {
            progress.say(delivery == null ? "Alertmanager not installed (apt-get install prometheus-alertmanager):"
                    + " no delivery latency" : "dispatcher and Alertmanager started for the delivery latency");
            return ownRacks.run(Math.max(72, sustained / 2), settings.stepSeconds(), FAULTS_PER_TICK, alertWatch,
                    delivery);
        }
    }

    /** One collector's CPU and memory ({@link CollectorCpuBenchmark}); null (and said) when it failed. */
    private static CollectorCpuBenchmark.Result collectorCpu(String bootstrapServers, Path runDir, int seconds,
                                                             Progress progress) throws InterruptedException {
        try {
            return CollectorCpuBenchmark.run(bootstrapServers, seconds, runDir.resolve("collector.log"), progress);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            progress.say("collector CPU not measured: " + e);
            return null;
        }
    }

    /** The scaling table ({@link ScalingRun}); what it measured before a failure (said) otherwise. */
    private static List<ScalingRun.Cell> scaling(SampleTemplates templates, BenchSettings settings, Path runDir, Clock clock,
                                                 Progress progress) throws InterruptedException {
        if (settings.scalingPartitions().isEmpty()) {
            return List.of();
        }
        try {
            return ScalingRun.run(templates, settings.racks(), settings.scalingPartitions(),
                    Files.createDirectories(runDir.resolve("scaling")), clock, progress);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            progress.say("scaling table not measured: " + e);
            return List.of();
        }
    }

    /** The API's latency under the demo's fleet ({@link DemoFleetApiRun}); null (and said) when it failed. */
    private static ApiLatencyBenchmark.Result apiLatency(Path runDir, Clock clock, Progress progress, long windowMs,
                                                         long graceMs, int partitions, int measuredSeconds)
            throws InterruptedException {
        try {
            return DemoFleetApiRun.run(runDir, clock, progress, windowMs, graceMs, partitions, measuredSeconds);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            // the other figures are still worth a report
            progress.say("API latency not measured: " + e);
            return null;
        }
    }

    /**
     * Waits until {@code untilMs}: racks that the ladder sent and the latency run does not are stale
     * by then and their staleness alerts have escalated to critical (60 s), so no such burst of
     * alerts falls inside the latency run.
     */
    private static void settle(Clock clock, long untilMs, Progress progress) throws InterruptedException {
        long wait = untilMs - clock.millis();
        if (wait > 0) {
            progress.say(String.format("waiting %d s for the staleness alerts of the ladder's racks to settle", wait / 1000));
            TimeUnit.MILLISECONDS.sleep(wait);
        }
    }

    /**
     * Publishes an inventory entry for every benchmark rack (18 nodes, 72 GPUs, its CDU loop with
     * the simulated loop's flow, supply temperature and pressure drop as design values, a power
     * budget 50 % above its draw), so the rack rules (coverage, budget, heat balance) and the
     * coolant rules that need design values evaluate, as they do in a deployment with an inventory.
     */
    static int publishInventory(String bootstrapServers, SampleTemplates templates) throws Exception {
        return publishInventory(bootstrapServers, templates,
                templates.recordsPerTick(Integer.MAX_VALUE / 32) / (templates.nodesPerRack() + 1));
    }

    /** Publishes the inventory of the first {@code racks} racks of {@code templates}. */
    static int publishInventory(String bootstrapServers, SampleTemplates templates, int racks) throws Exception {
        try (org.apache.kafka.clients.producer.KafkaProducer<String, byte[]> producer =
                     new org.apache.kafka.clients.producer.KafkaProducer<>(Map.of(
                             org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                             org.apache.kafka.clients.producer.ProducerConfig.ACKS_CONFIG, "all"),
                             new org.apache.kafka.common.serialization.StringSerializer(),
                             new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            for (int r = 0; r < racks; r++) {
                io.thermalwatch.model.CoolantSample c = templates.coolant(r);
                double budgetKw = Math.ceil(c.rackPowerKw() * 1.5 + 10);
                io.thermalwatch.model.RackInventory entry = new io.thermalwatch.model.RackInventory(
                        io.thermalwatch.model.RackInventory.SCHEMA_VERSION, c.site(), c.hall(), c.row(), c.rack(),
                        templates.nodesPerRack(), templates.gpusPerTick(1), budgetKw, c.loop(), c.supplyTempC(),
                        c.flowLpm(), c.diffPressureKpa());
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.INVENTORY, c.rack(),
                        io.thermalwatch.model.RackInventoryJson.write(entry)));
            }
            producer.flush();
        }
        return racks;
    }

    /** Polls the app's committed offsets until they reach the end of the preloaded input. */
    /**
     * The InfluxDB sink against raw line protocol into the same real influxd, same run: up to 100 racks
     * × 72 GPUs × 60 ticks (432,000 points), batches of 5,000. Null (and said) when influxd is missing.
     */
    private static SinkRatioBenchmark.Figures sinkRatio(Path runDir, Progress progress, int racks) {
        if (!InfluxdServer.installed()) {
            progress.say("InfluxDB sink: skipped (apt-get install influxdb)");
            return null;
        }
        progress.say(String.format("InfluxDB sink: raw line protocol, the sink, raw again, each into a fresh influxd (%,d points each)",
                racks * 72 * 60));
        // a broker of its own: the sink reads its topics from the beginning, which here hold the
        // streams runs' millions of records
        try (KafkaBroker broker = KafkaBroker.startEphemeral()) {
            SinkRatioBenchmark.Figures f = SinkRatioBenchmark.measure(broker.bootstrapServers(), runDir.resolve("influxd"), racks, 60, 5_000);
            progress.say(String.format("  raw %,.0f points/s, sink %,.0f points/s: ratio %.2f", f.rawPointsPerS(),
                    f.sinkPointsPerS(), f.ratio()));
            return f;
        }
    }

    private static BenchResults.CatchUp catchUp(GroupProgress group, Feed.Produced preload, long launchedNanos,
                                                StreamsChild streams, CpuMeter cpu, Progress progress) throws Exception {
        long end = group.end();
        long firstCommitted = -1;
        long firstNanos = 0;
        CpuMeter.Snapshot launchCpu = cpu.snapshot();
        CpuMeter.Snapshot firstCpu = null;
        long lastSay = System.nanoTime();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (true) {
            long committed = group.committed();
            long now = System.nanoTime();
            if (firstCommitted < 0 && committed > 0) {
                firstCommitted = committed;
                firstNanos = now;
                firstCpu = cpu.snapshot();
            }
            if (committed >= end) {
                // a backlog done before the first look: the rate from launch is the only one there is
                boolean sawProgress = firstCommitted >= 0 && firstCommitted < end && now > firstNanos;
                double rate = sawProgress ? (end - firstCommitted) * 1e9 / (now - firstNanos)
                        : end * 1e9 / (now - launchedNanos);
                CpuMeter.Used used = (sawProgress ? firstCpu : launchCpu).until(cpu.snapshot());
                return new BenchResults.CatchUp(preload.records(), preload.gpuSamples(), rate, (now - launchedNanos) / 1e9,
                        sawProgress ? end - firstCommitted : end, used);
            }
            if (!streams.isAlive() || now > deadline) {
                throw new IllegalStateException("the streams app stopped or did not catch up: committed " + committed + " of " + end);
            }
            if (now - lastSay > TimeUnit.SECONDS.toNanos(5)) {
                progress.say(String.format("  streams catching up: %,d / %,d records committed", committed, end));
                lastSay = now;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    /** Removes {@code dir} when the JVM exits, after the streams app (which writes into it) has stopped. */
    private static void removeOnExit(Path dir) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (java.io.IOException e) {
                System.err.println("benchmark: could not remove " + dir + ": " + e.getMessage());
            }
        }, "bench-cleanup"));
    }

    private static final Map<String, String> LOG_APPEND_TIME = Map.of("message.timestamp.type", "LogAppendTime");

    /**
     * The streams app's input topics, {@code partitions} each: the sample topics stamp records on
     * arrival (the benchmark reads its latencies from those stamps), the inventory is compacted.
     */
    static List<NewTopic> inputTopics(int partitions) {
        return List.of(new NewTopic(Topics.NODE_SAMPLES, partitions, (short) 1).configs(LOG_APPEND_TIME),
                new NewTopic(Topics.COOLANT_SAMPLES, partitions, (short) 1).configs(LOG_APPEND_TIME),
                new NewTopic(Topics.INVENTORY, partitions, (short) 1).configs(Map.of("cleanup.policy", "compact")));
    }

    static void awaitTopic(Admin admin, String topic) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(topic + " not created by the streams app within 60 s");
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }
}
