package io.thermalwatch.collector.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import io.thermalwatch.collector.NodeIdentity;
import io.thermalwatch.collector.TelemetryBatch;
import io.thermalwatch.collector.TelemetrySource;
import io.thermalwatch.collector.UnsupportedReadings;
import io.thermalwatch.model.CoolantSample;
import io.thermalwatch.model.LeakDetectorReading;
import io.thermalwatch.model.PumpReading;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Polls a CDU over Redfish ({@code ThermalEquipment/CDUs/{id}}, DSP0268 CoolingUnit): one coolant
 * sample per secondary (rack-side) coolant connector, with the CDU's pumps, leak detectors,
 * reservoir level and health rollup.
 *
 * <p><b>Sensor wins over excerpt.</b> A connector's readings are excerpts: copies of the Sensor
 * resource named by their {@code DataSourceUri}. When a reading has a {@code DataSourceUri}, the
 * source reads that Sensor and uses its {@code Reading}: the Sensor is the reading's own resource
 * (refreshed every {@code SensingInterval}), the excerpt a copy that a BMC may refresh less often.
 * A disagreement between the two is logged once (with both values) through the unsupported-readings
 * counter, so an operator sees a BMC whose excerpts lag. The DMTF mockup's secondary connector
 * shows such a case: excerpt 42 L/min, Sensor 79.6 L/min; Thermalwatch publishes 79.6.
 */
public final class RedfishCduSource implements TelemetrySource {

    private final RedfishClient client;
    private final String cduPath;
    private final NodeIdentity rack;
    private final UnsupportedReadings notes;

    RedfishCduSource(RedfishClient client, String cduPath, NodeIdentity rack, UnsupportedReadings notes) {
        this.client = client;
        this.cduPath = cduPath;
        this.rack = rack;
        this.notes = notes;
    }

    /** A source for the BMC and CDU in {@code settings}; {@code rack} says which rack the CDU cools. */
    public static RedfishCduSource create(io.thermalwatch.collector.CollectorConfig.RedfishSettings s, NodeIdentity rack,
                                          UnsupportedReadings notes) {
        RedfishClient client = new RedfishClient(java.net.URI.create(s.url()), "session".equals(s.auth()), s.user(),
                s.password(), s.trustStore(), s.trustStorePassword(), s.timeout());
        return new RedfishCduSource(client, s.cduPath(), rack, notes);
    }

    @Override
    public String name() {
        return "redfish";
    }

    @Override
    public TelemetryBatch read(long eventMs) {
        JsonNode cdu = client.get(cduPath);
        String cduId = text(cdu, "Id", "cdu");
        String health = firstText(cdu.path("Status"), "HealthRollup", "Health");
        List<PumpReading> pumps = pumps(cdu);
        List<LeakDetectorReading> leaks = leaks(cdu);
        Double level = reservoirLevel(cdu);
        List<CoolantSample> samples = new ArrayList<>();
        for (JsonNode connector : members(cdu.path("SecondaryCoolantConnectors"))) {
            String loop = cduId + "-secondary-" + text(connector, "Id", Integer.toString(samples.size() + 1));
            samples.add(new CoolantSample(CoolantSample.SCHEMA_VERSION, eventMs, rack.site(), rack.hall(), rack.row(),
                    rack.rack(), loop, "redfish",
                    reading(connector, "SupplyTemperatureCelsius"), reading(connector, "ReturnTemperatureCelsius"),
                    reading(connector, "DeltaTemperatureCelsius"), reading(connector, "FlowLitersPerMinute"),
                    reading(connector, "SupplyPressurekPa"), reading(connector, "ReturnPressurekPa"),
                    reading(connector, "DeltaPressurekPa"), reading(connector, "HeatRemovedkW"), null, level, health,
                    pumps, leaks));
        }
        return TelemetryBatch.ofCoolant(samples);
    }

    /** A connector's reading: the Sensor's when the excerpt names one, else the excerpt's own. */
    private Double reading(JsonNode connector, String property) {
        JsonNode excerpt = connector.path(property);
        Double value = number(excerpt.path("Reading"));
        String uri = excerpt.path("DataSourceUri").asText("");
        if (uri.isEmpty()) {
            return value;
        }
        Double sensor = number(client.get(uri).path("Reading"));
        if (sensor != null && value != null && Math.abs(sensor - value) > 1e-6) {
            notes.report(property + " of " + connector.path("@odata.id").asText() + ": excerpt " + value
                    + " disagrees with sensor " + uri + " " + sensor + "; using the sensor");
        }
        return sensor != null ? sensor : value;
    }

    private List<PumpReading> pumps(JsonNode cdu) {
        List<PumpReading> pumps = new ArrayList<>();
        for (JsonNode pump : members(cdu.path("Pumps"))) {
            pumps.add(new PumpReading(text(pump, "Id", "pump" + pumps.size()), number(pump.path("PumpSpeedPercent").path("Reading")),
                    firstText(pump.path("Status"), "Health")));
        }
        return pumps;
    }

    /**
     * Leak detectors from the LeakDetection resource: the detector excerpts of its
     * {@code LeakDetectorGroups} (one request), else its {@code LeakDetectors} collection.
     */
    private List<LeakDetectorReading> leaks(JsonNode cdu) {
        List<LeakDetectorReading> leaks = new ArrayList<>();
        JsonNode link = cdu.path("LeakDetection");
        if (!link.has("@odata.id")) {
            return leaks;
        }
        JsonNode detection = client.get(link.get("@odata.id").asText());
        List<JsonNode> detectors = new ArrayList<>();
        detection.path("LeakDetectorGroups").forEach(group -> group.path("Detectors").forEach(detectors::add));
        if (detectors.isEmpty()) {
            detectors.addAll(members(detection.path("LeakDetectors")));
        }
        for (JsonNode detector : detectors) {
            String uri = detector.path("DataSourceUri").asText(detector.path("@odata.id").asText(""));
            String id = detector.hasNonNull("Id") ? detector.get("Id").asText()
                    : uri.isEmpty() ? "leak" + leaks.size() : uri.substring(uri.lastIndexOf('/') + 1);
            String state = firstText(detector, "DetectorState");
            boolean leaking = state != null && !state.toUpperCase(Locale.ROOT).equals("OK");
            leaks.add(new LeakDetectorReading(id, leaking, state));
        }
        return leaks;
    }

    private Double reservoirLevel(JsonNode cdu) {
        for (JsonNode reservoir : members(cdu.path("Reservoirs"))) {
            Double pct = number(reservoir.path("FluidLevelPercent").path("Reading"));
            if (pct != null) {
                return pct;
            }
        }
        return null;
    }

    /** The members of a linked collection, each fetched. */
    private List<JsonNode> members(JsonNode link) {
        List<JsonNode> out = new ArrayList<>();
        if (!link.has("@odata.id")) {
            return out;
        }
        for (JsonNode member : client.get(link.get("@odata.id").asText()).path("Members")) {
            out.add(client.get(member.path("@odata.id").asText()));
        }
        return out;
    }

    private static Double number(JsonNode n) {
        return n.isNumber() ? n.asDouble() : null;
    }

    private static String text(JsonNode n, String field, String fallback) {
        return n.hasNonNull(field) ? n.get(field).asText() : fallback;
    }

    private static String firstText(JsonNode n, String... fields) {
        for (String f : fields) {
            if (n.hasNonNull(f)) {
                return n.get(f).asText();
            }
        }
        return null;
    }

    @Override
    public void close() {
        client.close();
    }
}
