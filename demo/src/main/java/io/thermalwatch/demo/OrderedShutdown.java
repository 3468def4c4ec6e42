package io.thermalwatch.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Closes the demo's parts in order, each within its own time budget and all within an overall
 * deadline, so that Ctrl-C ends the demo within seconds whatever died first: when the broker child
 * got the same SIGTERM and went first, a part that waits for Kafka is abandoned at its budget
 * (each runs on a daemon thread, which does not hold the JVM) instead of blocking for Kafka's
 * 30-60 s client timeouts.
 */
final class OrderedShutdown {

    private record Step(String name, Duration budget, Runnable action) {
    }

    private final List<Step> steps = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Adds the next part to close; it gets at most {@code budget}. */
    OrderedShutdown then(String name, Duration budget, Runnable action) {
        steps.add(new Step(name, budget, action));
        return this;
    }

    /**
     * Adds a part to close before every part added so far: a part that just started, so that a
     * Ctrl-C at any moment of the start closes what runs, the newest first.
     */
    OrderedShutdown first(String name, Duration budget, Runnable action) {
        steps.add(0, new Step(name, budget, action));
        return this;
    }

    /**
     * Runs the steps in order within {@code deadline} overall.
     *
     * @return the names of the steps that did not finish in time (abandoned) or failed
     */
    List<String> run(Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        List<String> unfinished = new ArrayList<>();
        for (Step step : steps) {
            long leftNs = Math.max(0, end - System.nanoTime());
            long waitNs = Math.min(step.budget().toNanos(), leftNs);
            boolean[] ok = {false};
            Thread t = new Thread(() -> {
                step.action().run();
                ok[0] = true;
            }, "close-" + step.name());
            t.setDaemon(true);
            t.start();
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNs)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive() || !ok[0]) {
                unfinished.add(step.name());
            }
        }
        return unfinished;
    }
}
