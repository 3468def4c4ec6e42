package io.thermalwatch.sink.measurement;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The encoders the sink runs, by topic. */
public final class LineEncoders {

    private LineEncoders() {
    }

    /** Every measurement the sink writes. */
    public static List<LineEncoder> all() {
        return List.of(new GpuLines(), new CoolantLines(), new RackLines(), new RollupLines(), new AlertAnnotationLines());
    }

    public static Map<String, LineEncoder> byTopic(List<LineEncoder> encoders) {
        return encoders.stream().collect(Collectors.toUnmodifiableMap(LineEncoder::topic, Function.identity()));
    }
}
