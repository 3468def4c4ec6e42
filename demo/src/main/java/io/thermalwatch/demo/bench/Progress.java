package io.thermalwatch.demo.bench;

/** The benchmark's progress lines on stderr, each with the seconds since the start. */
final class Progress {

    private final long startNanos = System.nanoTime();

    void say(String line) {
        System.err.printf("[bench %4ds] %s%n", (System.nanoTime() - startNanos) / 1_000_000_000L, line);
    }
}
