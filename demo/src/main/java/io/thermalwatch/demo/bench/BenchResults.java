package io.thermalwatch.demo.bench;

import io.thermalwatch.sink.bench.SinkRatioBenchmark;

import java.util.List;

/**
 * Everything one benchmark run measured, for {@link BenchReport}.
 *
 * @param startedUtc      when the run started, ISO-8601 UTC
 * @param loadAtStart     1-minute load average when it started
 * @param loadAtEnd       1-minute load average when it ended
 * @param partitions      partitions of the node-samples topic (the streams app's default)
 * @param raw             raw produce of the preload records to a fresh topic
 * @param streams         the streams app catching up on the preloaded records
 * @param windowsExpected rack windows the preloaded records close
 * @param windowsComplete of those, read on the aggregates topic with every sample
 * @param heapUsedBytes   streams app's used heap after a full GC, after the preload run
 * @param stateBytes      streams app's state directory then
 * @param ladder          the live-load steps run, up to the first that fell behind
 * @param halfLoad        the latency run at half the highest sustained load (windows and injected faults), or null when none held
 * @param seconds         the whole run, s
 * @param sink            the InfluxDB sink against raw line protocol, or null when influxd is missing
 * @param api             the API's current-state endpoints under load, or null when that run failed
 * @param collector       one collector's CPU and memory on its node, or null when that run failed
 * @param scaling         the scaling table's cells (partitions × instances), empty when not run
 */
record BenchResults(BenchSettings settings, MachineInfo machine, String startedUtc, double loadAtStart,
                    double loadAtEnd, int partitions, Feed.Produced raw, CatchUp streams, int windowsExpected,
                    int windowsComplete, long heapUsedBytes, long stateBytes, List<LoadStep.Result> ladder,
                    LoadStep.WithFaults halfLoad, long seconds, SinkRatioBenchmark.Figures sink,
                    ApiLatencyBenchmark.Result api, CollectorCpuBenchmark.Result collector,
                    List<ScalingRun.Cell> scaling) {

    /**
     * The streams app working through a preloaded backlog.
     *
     * @param records      records preloaded
     * @param gpuSamples   GPU samples in them
     * @param recordsPerS  committed records/s from the first committed progress to the end of the input
     * @param fromLaunchS  seconds from launching the app's JVM to its committed offsets reaching the end
     * @param cpu          CPU used from the first committed progress to the end of the input
     */
    record CatchUp(long records, long gpuSamples, double recordsPerS, double fromLaunchS, long recordsMeasured,
                   CpuMeter.Used cpu) {
        double gpuSamplesPerS() {
            return recordsPerS * gpuSamples / records;
        }
    }

    /** The highest target load that kept up, GPU samples/s, or 0. */
    int highestSustained() {
        return ladder.stream().filter(LoadStep.Result::keptUp).mapToInt(LoadStep.Result::targetGpuPerS).max().orElse(0);
    }
}
