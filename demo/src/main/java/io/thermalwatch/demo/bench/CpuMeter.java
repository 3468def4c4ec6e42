package io.thermalwatch.demo.bench;

import java.time.Duration;
import java.util.Optional;

/**
 * CPU time of the benchmark's three processes (the streams app, the Kafka broker, and this load
 * generator), read from the OS ({@link ProcessHandle.Info#totalCpuDuration()}, user + system of all
 * threads). On a shared machine the rates (records/s) depend on what else runs; CPU time per record
 * does much less, so the report states both.
 */
final class CpuMeter {

    /** CPU used by each process between two snapshots, and the wall time between them. */
    record Used(double streamsS, double brokerS, double generatorS, double wallS) {

        /** Cores the process used on average: CPU seconds per wall second. */
        static double cores(double cpuS, double wallS) {
            return wallS <= 0 ? Double.NaN : cpuS / wallS;
        }

        /** Streams CPU per record, µs. */
        double streamsMicrosPer(long records) {
            return records <= 0 ? Double.NaN : streamsS * 1e6 / records;
        }
    }

    /** CPU time of each process at one moment, ns (-1 where the OS does not tell). */
    record Snapshot(long streamsNs, long brokerNs, long generatorNs, long wallNs) {

        Used until(Snapshot later) {
            return new Used(seconds(streamsNs, later.streamsNs), seconds(brokerNs, later.brokerNs),
                    seconds(generatorNs, later.generatorNs), (later.wallNs - wallNs) / 1e9);
        }

        private static double seconds(long from, long to) {
            return from < 0 || to < 0 ? Double.NaN : (to - from) / 1e9;
        }
    }

    private final ProcessHandle streams;

    CpuMeter(ProcessHandle streams) {
        this.streams = streams;
    }

    Snapshot snapshot() {
        ProcessHandle broker = ProcessHandle.current().children()
                .filter(CpuMeter::isBroker)
                .findFirst().orElse(null);
        return new Snapshot(cpuNs(Optional.of(streams)), cpuNs(Optional.ofNullable(broker)),
                cpuNs(Optional.of(ProcessHandle.current())), System.nanoTime());
    }

    /** The broker child, by its main class (read from /proc: the JDK's command line of a long one can be empty). */
    private static boolean isBroker(ProcessHandle p) {
        try {
            byte[] cmdline = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc", Long.toString(p.pid()), "cmdline"));
            return new String(cmdline, java.nio.charset.StandardCharsets.ISO_8859_1).contains("BrokerProcessMain");
        } catch (java.io.IOException | RuntimeException e) {
            return p.info().commandLine().map(c -> c.contains("BrokerProcessMain")).orElse(false);
        }
    }

    private static long cpuNs(Optional<ProcessHandle> p) {
        return p.flatMap(h -> h.info().totalCpuDuration()).map(Duration::toNanos).orElse(-1L);
    }
}
