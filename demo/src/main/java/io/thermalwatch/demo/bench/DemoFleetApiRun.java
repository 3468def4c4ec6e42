package io.thermalwatch.demo.bench;

import io.thermalwatch.broker.KafkaBroker;
import io.thermalwatch.model.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;

/**
 * The API's latency under the demo's load, as {@code bin/demo} runs it: a broker of its own, the
 * streams app and a paced fleet of the demo's {@value ApiLatencyBenchmark#DEMO_RACKS} racks (their
 * inventory published), so the API serves the demo's racks and alerts, not the thousands of racks
 * and the staleness alerts the ladder left on the main run's broker (with those, the same requests
 * measured a p99 of ~450 ms on this machine: the pages are full, 100 racks or alerts each).
 */
final class DemoFleetApiRun {

    private static final String APP_ID = "thermalwatch-bench-api";

    private DemoFleetApiRun() {
    }

    static ApiLatencyBenchmark.Result run(Path runDir, Clock clock, Progress progress, long windowMs, long graceMs,
                                          int partitions, int measuredSeconds) throws Exception {
        int racks = ApiLatencyBenchmark.DEMO_RACKS;
        SampleTemplates templates = SampleTemplates.simulate(racks);
        Path dir = Files.createDirectories(runDir.resolve("api-run"));
        progress.say("API latency: a broker, the streams app and the demo's fleet of " + racks + " racks of their own");
        try (KafkaBroker broker = KafkaBroker.startEphemeral();
             Admin admin = broker.admin();
             Feed feed = new Feed(broker.bootstrapServers())) {
            broker.createTopics(BenchmarkMain.inputTopics(partitions));
            BenchmarkMain.publishInventory(broker.bootstrapServers(), templates, racks);
            try (StreamsChild streams = StreamsChild.start(broker.bootstrapServers(), APP_ID,
                    Files.createDirectories(dir.resolve("streams-state")), dir.resolve("streams.log"))) {
                BenchmarkMain.awaitTopic(admin, Topics.RACK_AGGREGATES);
                GroupProgress group = new GroupProgress(admin, APP_ID, Topics.NODE_SAMPLES, Topics.COOLANT_SAMPLES);
                try (AggregateWatch watch = new AggregateWatch(broker.bootstrapServers(), partitions, clock)) {
                    LoadStep step = new LoadStep(feed, templates, watch, group, new CpuMeter(streams.handle()), clock,
                            progress, windowMs, graceMs);
                    return ApiLatencyBenchmark.run(broker.bootstrapServers(), dir, step, templates,
                            racks * templates.gpusPerTick(1), measuredSeconds, clock, progress);
                }
            }
        }
    }
}
