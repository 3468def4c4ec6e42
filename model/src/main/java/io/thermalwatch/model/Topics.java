package io.thermalwatch.model;

import java.util.List;

/** The Kafka topics of the pipeline, in one place. Versioned names: a breaking schema change gets a new topic. */
public final class Topics {

    /** Raw node samples from collectors, JSON {@link NodeSample}, keyed by rack id. */
    public static final String NODE_SAMPLES = "thermalwatch.node-samples.v1";

    /** Rack coolant loop readings (CDU, BMS), JSON {@link CoolantSample}, keyed by rack id. */
    public static final String COOLANT_SAMPLES = "thermalwatch.coolant-samples.v1";

    /** Closed 10 s rack windows, JSON {@link RackAggregate}, keyed by rack id. */
    public static final String RACK_AGGREGATES = "thermalwatch.rack-aggregates.v1";

    /**
     * Rejected telemetry: the original key and bytes unchanged, the reason and origin in headers
     * (see {@link DeadLetterHeaders}).
     */
    public static final String TELEMETRY_DEAD_LETTER = "thermalwatch.telemetry-dlq.v1";

    /** What each rack should be (compacted), JSON {@link RackInventory}, keyed by rack id. */
    public static final String INVENTORY = "thermalwatch.inventory.v1";

    /** Alert state changes, JSON {@link ThermalAlert}, keyed by the alert's stable id. */
    public static final String ALERTS = "thermalwatch.alerts.v1";

    /**
     * One-minute row and hall rollups of the rack aggregates, JSON {@link FleetRollup}, keyed by
     * {@link FleetRollup#key()} ({@code site/hall/row} or {@code site/hall}, ids percent-escaped).
     */
    public static final String ROLLUPS = "thermalwatch.rollups.v1";

    private Topics() {
    }

    /** Every topic the pipeline reads or writes. */
    public static List<String> all() {
        return List.of(NODE_SAMPLES, COOLANT_SAMPLES, RACK_AGGREGATES, TELEMETRY_DEAD_LETTER, INVENTORY, ALERTS, ROLLUPS);
    }
}
