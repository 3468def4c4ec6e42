package io.thermalwatch.collector;

import io.thermalwatch.model.EnvSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.CRC32;

/**
 * Where in each sampling interval a collector ticks. A fleet whose collectors all tick on the same
 * aligned instant sends every node's sample in one burst a second: the broker and the streams app
 * then see a wall of records, and a fault sample at its back waits for all of them (the alert's
 * latency grows with the fleet). Spreading the collectors over the interval, as Prometheus spreads
 * its scrapes by a hash of the target, turns the burst into an even stream; each node still samples
 * exactly once an interval, so a window holds the same number of samples per GPU.
 */
final class SamplePhase {

    private SamplePhase() {
    }

    /**
     * {@code TW_SAMPLE_PHASE_MS}: {@code auto} (default) for a stable hash of the node's identity,
     * or a number of ms in {@code [0, interval)}.
     */
    static Duration fromEnv(EnvSettings env, Duration interval, NodeIdentity node) {
        String value = env.string("TW_SAMPLE_PHASE_MS", "auto");
        if (value.equals("auto")) {
            return of(node, interval);
        }
        long ms;
        try {
            ms = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("TW_SAMPLE_PHASE_MS: expected auto or ms in [0, "
                    + interval.toMillis() + "), got '" + value + "'");
        }
        if (ms < 0 || ms >= interval.toMillis()) {
            throw new IllegalArgumentException("TW_SAMPLE_PHASE_MS: expected auto or ms in [0, "
                    + interval.toMillis() + "), got " + ms);
        }
        return Duration.ofMillis(ms);
    }

    /** A stable offset in {@code [0, interval)} from the node's site, hall, row, rack and name. */
    static Duration of(NodeIdentity node, Duration interval) {
        CRC32 crc = new CRC32();
        String id = String.join("\u0000", node.site(), node.hall(), node.row(), node.rack(), node.node());
        crc.update(id.getBytes(StandardCharsets.UTF_8));
        return Duration.ofMillis(crc.getValue() % interval.toMillis());
    }
}
