package io.thermalwatch.grafana;

import io.thermalwatch.model.CoolantSample;
import io.thermalwatch.model.CoolantSampleJson;
import io.thermalwatch.model.FleetRollup;
import io.thermalwatch.model.FleetRollupJson;
import io.thermalwatch.model.GpuReading;
import io.thermalwatch.model.LeakDetectorReading;
import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.NodeSampleJson;
import io.thermalwatch.model.PumpReading;
import io.thermalwatch.model.RackAggregate;
import io.thermalwatch.model.RackAggregateJson;
import io.thermalwatch.model.ThermalAlert;
import io.thermalwatch.model.ThermalAlertJson;
import io.thermalwatch.sink.influx.InfluxSchema;
import io.thermalwatch.sink.influx.InfluxStore;
import io.thermalwatch.sink.line.LineBuilder;
import io.thermalwatch.sink.measurement.AlertAnnotationLines;
import io.thermalwatch.sink.measurement.CoolantLines;
import io.thermalwatch.sink.measurement.GpuLines;
import io.thermalwatch.sink.measurement.LineEncoder;
import io.thermalwatch.sink.measurement.RackLines;
import io.thermalwatch.sink.measurement.Retention;
import io.thermalwatch.sink.measurement.RollupLines;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Fills the sink's database with a small hall, written by the sink's own encoders and
 * {@link InfluxStore} exactly as {@code InfluxSink} writes them: node samples every 10 s, coolant
 * samples, 10 s rack windows, 1-minute row and hall rollups and alert changes, then the 1-minute
 * downsamples by the same statement the continuous queries run ({@link InfluxSchema#backfill}),
 * so that both retention policies hold data over the whole span.
 */
public final class PipelineData {

    public static final String SITE = "ams1";
    public static final String HALL = "h1";
    /** A rack id with regex metacharacters and spaces: a variable holding it must be escaped, as Grafana does. */
    public static final String HOSTILE_RACK = "r02 k(03)+.x";
    /** Rack id to its row. */
    public static final Map<String, String> RACKS = Map.of("r01-k01", "r01", "r01-k02", "r01", HOSTILE_RACK, "r02");
    public static final List<String> NODES = List.of("n01", "n02", "n03");
    public static final int GPUS = 4;
    public static final long TICK_MS = 10_000;
    private static final int BATCH_POINTS = 5_000;

    private final InfluxStore store;
    private final Map<Retention, LineBuilder> pending = new EnumMap<>(Retention.class);
    private int points;

    public PipelineData(InfluxStore store) {
        this.store = store;
    }

    /** Writes [{@code fromMs}, {@code toMs}) and the downsamples; returns the points written by the encoders. */
    public int fill(long fromMs, long toMs, String database) {
        for (long t = fromMs; t < toMs; t += TICK_MS) {
            int tick = (int) ((t - fromMs) / TICK_MS);
            for (Map.Entry<String, String> rack : RACKS.entrySet()) {
                for (String node : NODES) {
                    add(new GpuLines(), NodeSampleJson.write(node(rack.getValue(), rack.getKey(), node, t, tick)), t);
                }
                add(new CoolantLines(), CoolantSampleJson.write(coolant(rack.getValue(), rack.getKey(), "loop-a", t, tick)), t);
                add(new RackLines(), RackAggregateJson.write(aggregate(rack.getValue(), rack.getKey(), t, tick)), t);
            }
            if (t % 60_000 == 0) {
                add(new RollupLines(), FleetRollupJson.write(rollup(FleetRollup.HALL, null, t, tick)), t);
                for (String row : List.of("r01", "r02")) {
                    add(new RollupLines(), FleetRollupJson.write(rollup(FleetRollup.ROW, row, t, tick)), t);
                }
            }
            if (tick % 90 == 45) {
                alertCycle(t);
            }
        }
        flush();
        for (String measurement : InfluxSchema.DOWNSAMPLED) {
            store.query(InfluxSchema.backfill(database, measurement, fromMs, toMs));
        }
        return points;
    }

    /** A GPU-temperature alert on every rack that fires and resolves 5 minutes later, and a coolant one left firing. */
    private void alertCycle(long t) {
        for (Map.Entry<String, String> rack : RACKS.entrySet()) {
            ThermalAlert fired = new ThermalAlert(1, "gpu-temp|" + rack.getKey() + "|n02|1", "gpu-temp", "warning", ThermalAlert.FIRING,
                    SITE, HALL, rack.getValue(), rack.getKey(), "n02", 1, null, 83.5, 83.0, t, null,
                    "GPU 1 of n02 is at 83.5 °C", "check the loop", "https://runbooks.example/thermalwatch#gpu-temp");
            ThermalAlert resolved = new ThermalAlert(1, fired.id(), fired.rule(), fired.severity(), ThermalAlert.RESOLVED, SITE, HALL,
                    rack.getValue(), rack.getKey(), "n02", 1, null, 80.0, 83.0, t, t + 300_000, fired.summary(), null, fired.runbookUrl());
            ThermalAlert flow = new ThermalAlert(1, "coolant-flow|" + rack.getKey() + "|loop-a", "coolant-flow", "critical",
                    ThermalAlert.FIRING, SITE, HALL, rack.getValue(), rack.getKey(), null, null, "loop-a", 40.0, 100.0, t, null,
                    "flow low", null, null);
            add(new AlertAnnotationLines(), ThermalAlertJson.write(fired), t + 1000);
            add(new AlertAnnotationLines(), ThermalAlertJson.write(resolved), t + 300_500);
            add(new AlertAnnotationLines(), ThermalAlertJson.write(flow), t + 2000);
        }
    }

    private void add(LineEncoder encoder, byte[] value, long recordTimestampMs) {
        LineBuilder lines = pending.computeIfAbsent(encoder.retention(), r -> new LineBuilder(new StringBuilder()));
        int before = lines.points();
        encoder.append(value, recordTimestampMs, lines);
        points += lines.points() - before;
        if (lines.points() >= BATCH_POINTS) {
            store.write(encoder.retention(), lines.text());
            lines.clear();
        }
    }

    private void flush() {
        pending.forEach((rp, lines) -> {
            if (lines.points() > 0) {
                store.write(rp, lines.text());
                lines.clear();
            }
        });
    }

    /** GPU temperature 60 to 80 °C and power 500 to 700 W, rising and falling with the tick. */
    static NodeSample node(String row, String rack, String node, long eventMs, int tick) {
        List<GpuReading> gpus = new ArrayList<>();
        double wave = Math.sin(tick / 20.0);
        for (int i = 0; i < GPUS; i++) {
            gpus.add(new GpuReading(i, "GPU-" + rack.hashCode() + "-" + node + "-" + i, "NVIDIA H100 80GB HBM3", 600 + 100 * wave + i,
                    70 + 10 * wave + i, 75 + 10 * wave, 1980 - (tick % 50 == 0 ? 300 : 0), tick % 50 == 0 ? 4L : 0L,
                    90.0, 700.0, 87.0, 92.0, 85.0, 95.0, 1_000_000L + tick * 6_000L, null));
        }
        return new NodeSample(1, eventMs, SITE, HALL, row, rack, node, gpus);
    }

    static CoolantSample coolant(String row, String rack, String loop, long eventMs, int tick) {
        double returnC = 38.5 + Math.sin(tick / 20.0);
        return new CoolantSample(1, eventMs, SITE, HALL, row, rack, loop, "simulator", 30.0, returnC, returnC - 30.0,
                180.0 + tick % 7, 250.0, 150.0, 100.0, 95.0, 96.0, 80.0, "OK",
                List.of(new PumpReading("p1", 60.0, "OK"), new PumpReading("p2", 55.0, "OK")),
                List.of(new LeakDetectorReading("d1", false, "OK"), new LeakDetectorReading("d2", tick % 100 == 0, "OK")));
    }

    static RackAggregate aggregate(String row, String rack, long startMs, int tick) {
        double wave = Math.sin(tick / 20.0);
        double powerW = NODES.size() * GPUS * (600 + 100 * wave);
        return new RackAggregate(1, SITE, HALL, row, rack, startMs, startMs + TICK_MS, NODES.size(), NODES.size() * GPUS,
                NODES.size() * 10L, powerW, 70 + 10 * wave, 73 + 10 * wave, 85 + 10 * wave, tick % 50 == 0 ? 1 : 0,
                NODES.size(), NODES.size() * GPUS, 0, 0, new RackAggregate.Margin(14 - 10 * wave, "n03", 3), 10.0,
                powerW / 100.0, 30.0, 38.5, 8.5, 180.0, powerW / 1000 * 0.95, 0.95);
    }

    static FleetRollup rollup(String level, String row, long startMs, int tick) {
        int racks = FleetRollup.HALL.equals(level) ? RACKS.size() : 1;
        double wave = Math.sin(tick / 20.0);
        double powerW = racks * NODES.size() * GPUS * (600 + 100 * wave);
        return new FleetRollup(1, level, SITE, HALL, row, startMs, startMs + 60_000, racks, racks * 6, racks,
                racks * NODES.size(), racks * NODES.size() * GPUS, racks * NODES.size(), racks * NODES.size() * GPUS, 100.0,
                powerW, powerW / 1000 * 0.95, 0.95, racks * 10.0, powerW / racks / 100.0, 73 + 10 * wave, 85 + 10 * wave,
                14 - 10 * wave, "r01-k01", "n03", 3, 0, 0, 0, 30.0, 38.5);
    }
}
