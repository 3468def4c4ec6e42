package io.thermalwatch.collector;

import io.thermalwatch.model.CoolantSample;
import io.thermalwatch.model.NodeSample;

/** Where samples go: Kafka ({@code TelemetryPublisher}) or stdout in print mode. */
public interface SampleSink {

    void accept(NodeSample sample);

    void accept(CoolantSample sample);
}
