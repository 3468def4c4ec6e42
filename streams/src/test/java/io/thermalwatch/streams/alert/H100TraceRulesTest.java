package io.thermalwatch.streams.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermalwatch.model.GpuReading;
import io.thermalwatch.model.NodeSample;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every GPU rule, with its defaults, on a real healthy H100 (10 Hz NVML trace: 15 s idle, 60 s at
 * 700 W, 40 s cool-down; whole-degree readings): a job starting and ending raises nothing, at the
 * trace's 10 Hz and at each of its ten 1 Hz subsamplings (a collector's usual rate).
 */
class H100TraceRulesTest {

    private static final long BASE_MS = 1_790_000_000_000L;

    private final GpuRules rules = new GpuRules(RuleBook.defaults());
    private final List<String> changes = new ArrayList<>();

    @Test
    void aHealthyH100JobRaisesNoGpuAlertAt10HzNorAtAny1HzSubsampling() throws IOException {
        List<String[]> trace = trace();
        assertThat(trace).hasSizeGreaterThan(1_000);
        for (int step : new int[] {1, 10}) {
            for (int phase = 0; phase < step; phase++) {
                GpuTrack track = new GpuTrack();
                for (int i = phase; i < trace.size(); i += step) {
                    feed(trace.get(i), track, step + "/" + phase);
                }
            }
        }
        assertThat(changes).as("alerts on a healthy H100").isEmpty();
    }

    /** t_s,phase,power_mw,energy_mj,gpu_temp_c,mem_temp_c,power_instant_mw,sm_clock_mhz,clock_event_reasons,util_gpu_pct */
    private void feed(String[] f, GpuTrack track, String run) {
        GpuReading gpu = new GpuReading(0, "GPU-h100", "NVIDIA H100 80GB HBM3", Double.parseDouble(f[2]) / 1000,
                Double.parseDouble(f[4]), Double.parseDouble(f[5]), Integer.parseInt(f[7]), Long.parseLong(f[8]),
                Double.parseDouble(f[9]), 700.0, 89.0, 95.0, 87.0, 95.0);
        long t = BASE_MS + Math.round(Double.parseDouble(f[0]) * 1000);
        NodeSample sample = new NodeSample(1, t, "s", "h", "r01", "r01-k01", "r01-k01-n01", List.of(gpu));
        rules.evaluate(sample, gpu, track, (rule, subject, transition, value, summary) ->
                changes.add(run + " t=" + f[0] + " " + rule.id() + " " + transition.kind() + ": " + summary));
    }

    static List<String[]> trace() throws IOException {
        try (InputStream in = H100TraceRulesTest.class.getResourceAsStream("/h100/h100-nvml-trace.csv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R");
            List<String[]> rows = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                rows.add(lines[i].split(","));
            }
            return rows;
        }
    }
}
