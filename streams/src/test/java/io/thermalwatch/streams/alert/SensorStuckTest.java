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

/** The gpu-sensor-stuck rule at its edges, and on a real healthy H100 (10 Hz NVML trace, whole °C). */
class SensorStuckTest {

    record Change(String rule, Transition transition, double value, String summary) {
    }

    /** One row of the H100 trace: seconds from its start, power (W), die temperature (°C). */
    record TraceRow(double tS, double powerW, double tempC) {
    }

    private static final long BASE_MS = 1_790_000_000_000L;
    private static final String RULE = "gpu-sensor-stuck";

    private final GpuRules rules = new GpuRules(RuleBook.defaults());
    private GpuTrack track = new GpuTrack();
    private final List<Change> changes = new ArrayList<>();

    @Test
    void aFrozenReadingFiresOnlyOnceItHasHeldThirtySecondsThroughASwingOfAFifthOfTheLimitForTenSeconds() {
        // 700 W limit: 20 % = 140 W. Frozen at 40 °C from t=0; power 100 W, then 239 W (19.9 %) from 5 s
        feed(0, 40, 100);
        for (long s = 1; s < 5; s++) {
            feed(s * 1_000, 40, 100);
        }
        for (long s = 5; s <= 60; s++) {
            feed(s * 1_000, 40, 239);
        }
        assertThat(changes).as("19.9 % of the limit: under the trigger").isEmpty();
        feed(61_000, 40, 240); // 20.0 %: breach; the reading froze 61 s ago (> 30 s)
        for (long s = 62; s < 71; s++) {
            feed(s * 1_000, 40, 240);
        }
        assertThat(changes).as("for 10 s not yet met").isEmpty();
        feed(71_000, 40, 240);
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.transition().kind()).isEqualTo(Transition.Kind.FIRING);
            assertThat(c.transition().severity()).isEqualTo(Severity.WARNING);
            assertThat(c.value()).isEqualTo(20.0);
            assertThat(c.summary()).isEqualTo("GPU 2 of r01-k01-n07 has read 40.0 °C since 71 s while its power swung "
                    + "140 W (20 % of its limit): its temperature sensor looks stuck; its heat is not watched");
        });
        feed(72_000, 40.5, 240); // the reading moves: clear, resolved after keepFiringFor (30 s)
        feed(101_999, 40.5, 240);
        assertThat(changes).hasSize(1);
        feed(102_000, 41, 240);
        assertThat(changes.get(1).transition().kind()).isEqualTo(Transition.Kind.RESOLVED);
    }

    @Test
    void aSwingWithinTheFirstThirtySecondsOfAReadingIsNotJudgedYet() {
        feed(0, 40, 100);
        for (long s = 1; s <= 29; s++) {
            feed(s * 1_000, 40, 600); // 71 % swing, but the reading has held only 29 s
        }
        assertThat(changes).isEmpty();
        feed(30_000, 40, 600);
        for (long s = 31; s <= 40; s++) {
            feed(s * 1_000, 40, 600);
        }
        assertThat(changes).extracting(c -> c.transition().kind()).containsExactly(Transition.Kind.FIRING);
        assertThat(changes.get(0).transition().startsAtMs()).isEqualTo(BASE_MS + 30_000);
    }

    @Test
    void aSteadyReadingAtSteadyPowerIsNotStuckAndAGpuWithoutAPowerLimitIsNotJudged() {
        for (long s = 0; s <= 600; s++) {
            feed(s * 1_000, 33, 70 + s % 3); // idle for ten minutes at one whole degree
        }
        for (long s = 601; s <= 900; s++) {
            feedNoLimit(s * 1_000, 33, s % 2 == 0 ? 70 : 690);
        }
        assertThat(changes).isEmpty();
    }

    @Test
    void aFiringAlertsSpellSurvivesARestartOfItsTrack() throws IOException {
        feed(0, 40, 100);
        for (long s = 1; s <= 45; s++) {
            feed(s * 1_000, 40, 600);
        }
        assertThat(changes).hasSize(1);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        track.writeTo(new java.io.DataOutputStream(bytes));
        track = new GpuTrack();
        track.readFrom(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())), true);
        for (long s = 46; s <= 200; s++) {
            feed(s * 1_000, 40, 600); // still stuck, power steady: still firing, never resolved
        }
        assertThat(changes).hasSize(1);
    }

    @Test
    void aHealthyH100ReadingWholeDegreesNeverLooksStuckAt10HzNorAtAny1HzSubsampling() throws IOException {
        List<TraceRow> trace = trace();
        assertThat(trace).hasSizeGreaterThan(1_000);
        replay(trace, 1, 0, false);
        for (int phase = 0; phase < 10; phase++) {
            track = new GpuTrack();
            replay(trace, 10, phase, false);
        }
        assertThat(changes).as("alerts on a healthy H100").isEmpty();
    }

    @Test
    void theSameTraceWithItsSensorFrozenAtTheIdleReadingFires() throws IOException {
        replay(trace(), 10, 0, true);
        assertThat(changes).extracting(c -> c.transition().kind()).startsWith(Transition.Kind.FIRING);
    }

    /** Feeds every {@code step}-th row from {@code phase} on; {@code frozen}: the first reading held throughout. */
    private void replay(List<TraceRow> trace, int step, int phase, boolean frozen) {
        for (int i = phase; i < trace.size(); i += step) {
            TraceRow r = trace.get(i);
            feed(Math.round(r.tS() * 1000), frozen ? trace.get(0).tempC() : r.tempC(), r.powerW());
        }
        // and the trace's last reading held with the power of its idle phase: a steady GPU
        TraceRow last = trace.get(trace.size() - 1);
        for (long s = 1; s <= 300 && !frozen; s++) {
            feed(Math.round(last.tS() * 1000) + s * 1000, last.tempC(), last.powerW());
        }
    }

    private static List<TraceRow> trace() throws IOException {
        try (InputStream in = SensorStuckTest.class.getResourceAsStream("/h100/h100-nvml-trace.csv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R");
            List<TraceRow> rows = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) { // t_s,phase,power_mw,energy_mj,gpu_temp_c,...
                String[] f = lines[i].split(",");
                rows.add(new TraceRow(Double.parseDouble(f[0]), Double.parseDouble(f[2]) / 1000, Double.parseDouble(f[4])));
            }
            return rows;
        }
    }

    private void feed(long t, double tempC, double powerW) {
        evaluate(t, tempC, powerW, 700.0);
    }

    private void feedNoLimit(long t, double tempC, double powerW) {
        evaluate(t, tempC, powerW, null);
    }

    private void evaluate(long t, double tempC, double powerW, Double limitW) {
        GpuReading gpu = new GpuReading(2, "GPU-2", "NVIDIA H100 80GB HBM3", powerW, tempC, 40.0, 1980, 0L, 90.0, limitW,
                89.0, 95.0, 87.0, 95.0);
        NodeSample sample = new NodeSample(1, BASE_MS + t, "s", "h", "r01", "r01-k01", "r01-k01-n07", List.of(gpu));
        rules.evaluate(sample, gpu, track, (rule, subject, transition, value, summary) -> {
            if (rule.id().equals(RULE)) {
                changes.add(new Change(rule.id(), transition, value, summary));
            }
        });
    }
}
