package io.thermalwatch.sink.it;

import io.thermalwatch.model.CoolantSample;
import io.thermalwatch.model.GpuReading;
import io.thermalwatch.model.LeakDetectorReading;
import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.PumpReading;
import io.thermalwatch.model.RackAggregate;
import io.thermalwatch.model.ThermalAlert;
import java.util.ArrayList;
import java.util.List;

/** Small deterministic factories for the wire records the sink reads. */
public final class Records {

    private Records() {
    }

    /** GPU {@code i} of a node at tick {@code tick}: power 100 + 10·i + tick W, temperature 40 + i + tick/10 °C. */
    public static GpuReading gpu(int i, int tick) {
        return new GpuReading(i, "GPU-" + i, "NVIDIA H100 80GB HBM3", 100 + 10 * i + tick, 40 + i + tick / 10.0,
                50.0 + i, 1980, 0L, 90.0, 700.0, 87.0, 92.0, 85.0, 95.0, tick % 10 == 0 ? 1_000_000L + tick : null, null);
    }

    public static NodeSample node(String site, String rack, String node, long eventMs, int gpus, int tick) {
        List<GpuReading> list = new ArrayList<>();
        for (int i = 0; i < gpus; i++) {
            list.add(gpu(i, tick));
        }
        return new NodeSample(1, eventMs, site, "h1", "r01", rack, node, list);
    }

    public static CoolantSample coolant(String rack, String loop, long eventMs, double flowLpm) {
        return new CoolantSample(1, eventMs, "ams1", "h1", "r01", rack, loop, "simulator", 30.0, 38.5, null, flowLpm,
                250.0, 150.0, 100.0, 90.0, 95.0, 80.0, "OK",
                List.of(new PumpReading("p1", 60.0, "OK"), new PumpReading("p2", 55.0, "OK")),
                List.of(new LeakDetectorReading("d1", false, "OK"), new LeakDetectorReading("d2", true, "Critical")));
    }

    /** A rack window with every optional field set. */
    public static RackAggregate fullAggregate(String rack, long startMs) {
        return new RackAggregate(1, "ams1", "h1", "r01", rack, startMs, startMs + 10_000, 18, 72, 180, 98_000.0,
                61.5, 78.25, 80.0, 2, 18, 72, 1, 0, new RackAggregate.Margin(6.5, "n07", 3), 120.0, 81.6667,
                30.0, 38.5, 8.5, 180.0, 95.5, 0.9745);
    }

    public static RackAggregate firstSchemaAggregate(String rack, long startMs) {
        return new RackAggregate(1, "ams1", "h1", "r01", rack, startMs, startMs + 10_000, 1, 4, 10, 2_000.0, 50.0, 55.0,
                null, 0);
    }

    public static ThermalAlert firing(String rule, String severity, String node, Integer gpu, long startsAtMs) {
        return new ThermalAlert(1, rule + "|r01-k01|" + node + "|" + gpu, rule, severity, ThermalAlert.FIRING, "ams1", "h1",
                "r01", "r01-k01", node, gpu, null, 3.5, 5.0, startsAtMs, null, "GPU " + gpu + " of " + node + " is hot",
                "what to check", "https://runbooks.example/thermalwatch#" + rule);
    }

    public static ThermalAlert resolved(ThermalAlert a, long endsAtMs) {
        return new ThermalAlert(1, a.id(), a.rule(), a.severity(), ThermalAlert.RESOLVED, a.site(), a.hall(), a.row(),
                a.rack(), a.node(), a.gpu(), a.loop(), a.value(), a.threshold(), a.startsAtMs(), endsAtMs, a.summary(),
                a.description(), a.runbookUrl());
    }

    public static ThermalAlert loopAlert(String loop, long startsAtMs) {
        return new ThermalAlert(1, "coolant-flow|r01-k01|" + loop, "coolant-flow", "critical", ThermalAlert.FIRING, "ams1",
                "h1", "r01", "r01-k01", null, null, loop, 40.0, 100.0, startsAtMs, null, "flow low", null, null);
    }
}
