package io.thermalwatch.model;

import static io.thermalwatch.model.Bounds.requireId;

import java.util.List;

/**
 * One node's GPUs at one sampling tick: the unit of {@link Topics#NODE_SAMPLES}, keyed by
 * {@link #rack()} so that a rack's data stays on one partition.
 *
 * @param schemaVersion wire schema version, {@value #SCHEMA_VERSION}
 * @param eventMs       when the readings were taken, epoch milliseconds
 * @param site          site id, e.g. {@code ams1}
 * @param hall          data hall id within the site
 * @param row           row id within the hall
 * @param rack          rack id, unique within the site
 * @param node          node (compute tray) id, unique within the rack
 * @param gpus          the node's GPUs, at least one, distinct indices
 */
public record NodeSample(
        int schemaVersion,
        long eventMs,
        String site,
        String hall,
        String row,
        String rack,
        String node,
        List<GpuReading> gpus) {

    public static final int SCHEMA_VERSION = 1;

    public NodeSample {
        Bounds.requireHeader(schemaVersion, SCHEMA_VERSION, eventMs, site, hall, row, rack);
        requireId("node", node);
        if (gpus == null || gpus.isEmpty()) {
            throw new InvalidTelemetryException(RejectReason.MALFORMED, "gpus must hold at least one GPU");
        }
        gpus = List.copyOf(gpus);
        long seen = 0;
        for (GpuReading gpu : gpus) {
            long bit = 1L << gpu.index();
            if ((seen & bit) != 0) {
                throw new InvalidTelemetryException(RejectReason.MALFORMED, "gpus has index " + gpu.index() + " twice");
            }
            seen |= bit;
        }
    }

    /** Sum of the node's GPU power, watts. */
    public double totalPowerW() {
        double sum = 0;
        for (GpuReading gpu : gpus) {
            sum += gpu.powerW();
        }
        return sum;
    }
}
