package io.thermalwatch.collector;

import io.thermalwatch.model.CoolantSample;
import io.thermalwatch.model.NodeSample;
import java.util.List;

/** What one source read at one tick. */
public record TelemetryBatch(List<NodeSample> nodes, List<CoolantSample> coolant) {

    public TelemetryBatch {
        nodes = List.copyOf(nodes);
        coolant = List.copyOf(coolant);
    }

    public static TelemetryBatch ofNodes(List<NodeSample> nodes) {
        return new TelemetryBatch(nodes, List.of());
    }

    public static TelemetryBatch ofCoolant(List<CoolantSample> coolant) {
        return new TelemetryBatch(List.of(), coolant);
    }

    public int size() {
        return nodes.size() + coolant.size();
    }
}
