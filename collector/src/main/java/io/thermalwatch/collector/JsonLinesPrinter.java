package io.thermalwatch.collector;

import io.thermalwatch.model.CoolantSample;
import io.thermalwatch.model.CoolantSampleJson;
import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.NodeSampleJson;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Print mode's sink: one JSON object a line, exactly as it would go to Kafka. */
public final class JsonLinesPrinter implements SampleSink {

    private final PrintStream out;

    public JsonLinesPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void accept(NodeSample sample) {
        out.println(new String(NodeSampleJson.write(sample), StandardCharsets.UTF_8));
    }

    @Override
    public void accept(CoolantSample sample) {
        out.println(new String(CoolantSampleJson.write(sample), StandardCharsets.UTF_8));
    }
}
