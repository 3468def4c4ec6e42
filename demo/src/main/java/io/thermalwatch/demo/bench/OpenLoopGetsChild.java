package io.thermalwatch.demo.bench;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link OpenLoopGets} in a JVM of its own: in the benchmark's JVM, which still holds the main
 * run's fleet, watches and consumers, the client stalled now and then (a request was sent up to
 * 44 ms after it was due, likely that JVM's collection pauses), and a client's stall shows as API
 * latency on every endpoint alike. The child runs C1 only and the serial collector: a load
 * generator's JVM should do little besides sending (no C2 compiling, no concurrent GC threads on
 * the cores the API needs). The request plan goes to the child as a file, the figures come back as one.
 */
final class OpenLoopGetsChild {

    static final String MAX_HEAP = "256m";

    private OpenLoopGetsChild() {
    }

    /**
     * {@link ApiLatencyBenchmark#JIT_WARM_UP_REQUESTS} closed-loop requests, then those of
     * {@link OpenLoopGets#run}, sent from a child JVM; its files and log go in {@code dir}.
     */
    static OpenLoopGets.Result run(URI base, List<OpenLoopGets.Target> targets, String token, int ratePerS, int warmUpSeconds,
                                   int seconds, Path dir) throws Exception {
        Path plan = dir.resolve("gets.plan");
        Path result = dir.resolve("gets.result");
        Path log = dir.resolve("gets.log");
        List<String> lines = new ArrayList<>(List.of(base.toString(), token, ratePerS + " " + warmUpSeconds + " " + seconds));
        targets.forEach(t -> lines.add(t.endpoint() + "\t" + t.path()));
        Files.write(plan, lines);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + MAX_HEAP, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                OpenLoopGetsChild.class.getName(),
                plan.toString(), result.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long limitS = warmUpSeconds + seconds + OpenLoopGets.TIMEOUT.toSeconds() + 300; // the warm-up: seconds to minutes
        try {
            if (!child.waitFor(limitS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the request client did not finish within " + limitS + " s (log: " + log + ")");
            }
            if (child.exitValue() != 0) {
                throw new IllegalStateException("the request client exited with " + child.exitValue() + ": "
                        + Files.readString(log));
            }
        } finally {
            child.destroyForcibly();
        }
        return read(result);
    }

    /** Arguments: the plan file (base URL, token, "rate warm-up seconds", then endpoint TAB path lines) and the result file. */
    public static void main(String[] args) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        String[] numbers = lines.get(2).split(" ");
        List<OpenLoopGets.Target> targets = lines.subList(3, lines.size()).stream().map(l -> l.split("\t", 2))
                .map(f -> new OpenLoopGets.Target(f[0], f[1])).toList();
        // the closed-loop warm-up here, not in the benchmark's JVM: it compiles this client's code
        // as much as the API's (a cold client measured a p99 of 172 ms against the same API)
        ApiLatencyBenchmark.warmUp(URI.create(lines.get(0)), targets, lines.get(1));
        OpenLoopGets.Result r = OpenLoopGets.run(URI.create(lines.get(0)), targets, lines.get(1),
                Integer.parseInt(numbers[0]), Integer.parseInt(numbers[1]), Integer.parseInt(numbers[2]));
        write(r, Path.of(args[1]));
        System.exit(0); // the senders' pool threads are daemons, but a stuck one must not keep the JVM up
    }

    static void write(OpenLoopGets.Result r, Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeInt(r.sent());
            out.writeInt(r.measured());
            out.writeInt(r.errors());
            out.writeUTF(r.firstError() == null ? "" : r.firstError());
            writeLongs(out, r.latencyNanos());
            out.writeInt(r.byEndpoint().size());
            for (Map.Entry<String, long[]> e : r.byEndpoint().entrySet()) {
                out.writeUTF(e.getKey());
                writeLongs(out, e.getValue());
            }
            out.writeLong(r.maxSendLagNanos());
        }
    }

    static OpenLoopGets.Result read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            int sent = in.readInt();
            int measured = in.readInt();
            int errors = in.readInt();
            String firstError = in.readUTF();
            long[] latency = readLongs(in);
            int endpoints = in.readInt();
            Map<String, long[]> byEndpoint = new LinkedHashMap<>();
            for (int i = 0; i < endpoints; i++) {
                byEndpoint.put(in.readUTF(), readLongs(in));
            }
            return new OpenLoopGets.Result(sent, measured, errors, firstError.isEmpty() ? null : firstError, latency,
                    byEndpoint, in.readLong());
        }
    }

    private static void writeLongs(DataOutputStream out, long[] values) throws IOException {
        out.writeInt(values.length);
        for (long v : values) {
            out.writeLong(v);
        }
    }

    private static long[] readLongs(DataInputStream in) throws IOException {
        long[] values = new long[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readLong();
        }
        return values;
    }
}
