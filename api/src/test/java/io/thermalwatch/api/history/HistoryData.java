package io.thermalwatch.api.history;

import io.thermalwatch.model.GpuReading;
import io.thermalwatch.model.NodeSample;
import io.thermalwatch.model.NodeSampleJson;
import io.thermalwatch.model.RackAggregate;
import io.thermalwatch.model.RackAggregateJson;
import io.thermalwatch.model.ThermalAlert;
import io.thermalwatch.model.ThermalAlertJson;
import io.thermalwatch.sink.measurement.AlertAnnotationLines;
import io.thermalwatch.sink.measurement.GpuLines;
import io.thermalwatch.sink.measurement.RackLines;
import io.thermalwatch.sink.influx.InfluxSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * The history the ITs read: rack windows and GPU samples with values computed from their time, so
 * that a test can compute every expected mean, maximum and minimum itself.
 */
public final class HistoryData {

    public static final long NOW = HistoryFixture.NOW;
    public static final String RACK = "r01-k01";
    /** Holds a line feed: stored {@code ~tw:}-encoded by the sink. */
    public static final String HOSTILE_RACK = "r01 k\"01,=\n🙂";
    /** Stored verbatim (escaped in line protocol), InfluxQL and all. */
    static final String VERBATIM_RACK = "r02 k\"01,=🙂' OR 1=1";
    /** Starts with the encoding's prefix: stored encoded so that the mapping stays one-to-one. */
    static final String PREFIXED_RACK = "~tw:r03";
    /** Ends with a backslash: stored encoded. */
    static final String HOSTILE_NODE = "n \"1\",=\\";
    /** How far back the 10-second windows of {@link #RACK} go. */
    static final long RACK_SPAN_MS = 26 * 3_600_000L;
    static final long GPU_SPAN_MS = 600_000;

    private HistoryData() {
    }

    /** The window starts of {@link #RACK}, oldest first. */
    static LongStream rackWindows() {
        return LongStream.range(0, RACK_SPAN_MS / 10_000).map(i -> NOW - RACK_SPAN_MS + i * 10_000);
    }

    static double power(long ws) {
        return 1000 + (ws / 10_000 % 6) * 10 + (ws / 60_000 % 7) * 100;
    }

    static double maxTemp(long ws) {
        return 60 + (ws / 10_000 % 6) + (ws / 60_000 % 5);
    }

    static double margin(long ws) {
        return 20 - (ws / 10_000 % 6) + (ws / 60_000 % 3);
    }

    static RackAggregate window(String rack, long ws, double powerW, double maxTempC, double marginC) {
        return new RackAggregate(1, "ams1", "h1", "r01", rack, ws, ws + 10_000, 18, 72, 180, powerW, 48.25, maxTempC, 70.0,
                3, 18, 72, 1, 0, new RackAggregate.Margin(marginC, rack + "-n07", 2), 140.0, powerW / 1400.0, 30.0, 42.0,
                12.0, 61.0, 0.5, 0.5 / (powerW / 1000.0));
    }

    static double gpuPower(int gpu, long eventMs) {
        return 500 + gpu * 10 + (eventMs / 1000 % 2) * 2;
    }

    static double gpuTemp(int gpu, long eventMs) {
        return 50 + gpu + (eventMs / 1000 % 2);
    }

    static NodeSample sample(String rack, String node, long eventMs) {
        List<GpuReading> gpus = new ArrayList<>();
        for (int g = 0; g < 4; g++) {
            gpus.add(new GpuReading(g, "GPU-" + node + "-" + g, "NVIDIA GB200", gpuPower(g, eventMs), gpuTemp(g, eventMs),
                    60.0 + g, 1980, g == 3 ? 0x24L : 0L, 90.0, 700.0, 87.0, 92.0, 85.0, 95.0, null));
        }
        return new NodeSample(1, eventMs, "ams1", "h1", "r01", rack, node, gpus);
    }

    public static final List<String> RULES = List.of("gpu-slowdown-margin", "gpu-temp", "hbm-temp");
    public static final List<String> ALERT_RACKS = List.of(RACK, "r01-k02", HOSTILE_RACK);

    /**
     * 23 alert changes over 8 milliseconds an hour ago, three at each (one per rule), so pages end
     * inside a millisecond; every fifth resolves. Their times are the points' times. Within a
     * millisecond the ids' order (by rule) is the reverse of both the order they are written in and
     * their series keys' order (by gpu tag), so InfluxDB's order at a tie is never the API's.
     */
    public static List<ThermalAlert> alerts() {
        List<ThermalAlert> out = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            long t = NOW - 3_600_000 + (i / 3) * 1000L;
            String rule = RULES.get(2 - i % 3);
            String rack = ALERT_RACKS.get(i / 3 % 3);
            String severity = i % 2 == 0 ? "critical" : "warning";
            boolean resolved = i % 5 == 4;
            out.add(new ThermalAlert(1, rule + "|" + rack + "|" + rack + "-n07|" + (i % 3), rule, severity,
                    resolved ? ThermalAlert.RESOLVED : ThermalAlert.FIRING, "ams1", "h1", "r01", rack, rack + "-n07", i % 3,
                    null, 6.5 + i, resolved ? null : 3.0, t - 60_000, resolved ? t : null, rule + " on " + rack, null,
                    "https://runbooks.example/thermalwatch#" + rule));
        }
        return out;
    }

    /** When the sink stamps an alert change: firing at its record's timestamp, resolved at endsAtMs. */
    public static long timeOf(ThermalAlert a) {
        return a.endsAtMs() != null ? a.endsAtMs() : a.startsAtMs() + 60_000;
    }

    /** Writes the {@link #alerts()} through the sink's alert encoder. */
    public static void fillAlerts(HistoryFixture f) {
        f.write(new AlertAnnotationLines(), alerts().stream().map(a -> new HistoryFixture.Record<>(a, timeOf(a))),
                ThermalAlertJson::write);
    }

    /** Writes everything the sink's encoders, and the 1-minute downsamples through its backfill. */
    public static void fill(HistoryFixture f) {
        f.write(new RackLines(), rackWindows().mapToObj(ws ->
                new HistoryFixture.Record<>(window(RACK, ws, power(ws), maxTemp(ws), margin(ws)), ws)), RackAggregateJson::write);
        List<String> others = List.of(HOSTILE_RACK, VERBATIM_RACK, PREFIXED_RACK);
        for (int r = 0; r < others.size(); r++) {
            String rack = others.get(r);
            double powerW = 2000 + 1000 * r;
            f.write(new RackLines(), LongStream.range(0, 60).map(i -> NOW - 600_000 + i * 10_000)
                    .mapToObj(ws -> new HistoryFixture.Record<>(window(rack, ws, powerW, 70, 5), ws)), RackAggregateJson::write);
        }
        f.write(new GpuLines(), LongStream.range(0, GPU_SPAN_MS / 1000).map(s -> NOW - GPU_SPAN_MS + s * 1000).boxed()
                .flatMap(t -> java.util.stream.Stream.of(sample(RACK, RACK + "-n01", t), sample(RACK, RACK + "-n02", t),
                        sample(HOSTILE_RACK, HOSTILE_NODE, t)))
                .map(s -> new HistoryFixture.Record<>(s, s.eventMs())), NodeSampleJson::write);
        f.store.query(InfluxSchema.backfill(HistoryFixture.DATABASE, RackLines.MEASUREMENT, NOW - RACK_SPAN_MS - 60_000, NOW));
    }

    /**
     * What InfluxDB should answer for {@code value} over RACK's windows in {@code [from, to)} by
     * {@code step}: per step, the aggregate of the raw windows, or (downsampled) the aggregate of
     * the per-minute aggregates. {@code [bucketStartMs, value]} pairs.
     */
    static List<double[]> expected(ToDoubleFunction<Long> value, String aggregate, long from, long to, long step, boolean downsampled) {
        List<double[]> out = new ArrayList<>();
        long unit = downsampled ? 60_000 : 10_000;
        long first = Math.floorDiv(from, step) * step;
        for (long b = first; b < to; b += step) {
            List<Double> values = new ArrayList<>();
            for (long t = Math.max(b, from); t < Math.min(b + step, to); t += unit) {
                if (t < NOW - RACK_SPAN_MS || t >= NOW) {
                    continue;
                }
                if (downsampled) {
                    long minute = t;
                    values.add(fold(aggregate, IntStream.range(0, 6).mapToObj(i -> value.applyAsDouble(minute + i * 10_000L)).toList()));
                } else {
                    values.add(value.applyAsDouble(t));
                }
            }
            if (!values.isEmpty()) {
                out.add(new double[] {b, fold(aggregate, values)});
            }
        }
        return out;
    }

    private static double fold(String aggregate, List<Double> values) {
        return switch (aggregate) {
            case "max" -> values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            case "min" -> values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            default -> {
                double sum = 0;
                for (double v : values) {
                    sum += v;
                }
                yield sum / values.size();
            }
        };
    }
}
