package io.thermalwatch.streams.rackstate;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermalwatch.model.CoolantSample;
import io.thermalwatch.model.GpuReading;
import io.thermalwatch.model.LeakDetectorReading;
import io.thermalwatch.model.NodeSample;
import io.thermalwatch.streams.alert.AlertListener;
import io.thermalwatch.streams.alert.GpuRules;
import io.thermalwatch.streams.alert.GpuTrack;
import io.thermalwatch.streams.alert.RuleBook;
import io.thermalwatch.streams.alert.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class RackStateCodecTest {

    private static final long T0 = 1_790_000_000_000L;
    private final RackStateCodec codec = new RackStateCodec();

    @Test
    void windowsProgressAndFiringAlertsSurviveTheRoundTrip() {
        RackState s = new RackState();
        s.site = "ams1";
        s.hall = "h1";
        s.row = "r01";
        s.eventTimeMs = T0 + 9_000;
        s.closedUntilMs = T0;
        s.lastArrivalMs = T0 + 9_100;
        RackWindow w = s.window(T0);
        GpuRules rules = new GpuRules(RuleBook.defaults());
        AlertListener none = (rule, subject, t, value, summary) -> { };
        for (int i = 0; i < 8; i++) {
            NodeSample sample = new NodeSample(1, T0 + i * 1_000L, "ams1", "h1", "r01", "r01-k01", "n" + (i % 2),
                    List.of(gpu(0, 700 + i, 87.0, 0x20L), gpu(3, 650, 60.0, 0x4L)));
            w.add(sample);
            NodeTrack node = s.node(sample.node());
            node.lastSeenMs = T0 + i * 1_000L;
            for (GpuReading g : sample.gpus()) {
                rules.evaluate(sample, g, node.gpu(g.index()), none);
            }
        }
        w.add(new CoolantSample(1, T0, "ams1", "h1", "r01", "r01-k01", "cdu1", "simulator", 30.0, 40.0, null, 180.0,
                300.0, 160.0, 140.0, null, null, 100.0, "OK", List.of(), List.of(new LeakDetectorReading("d1", false, "OK"))));
        s.loop("cdu1").lastSeenMs = T0;
        assertThat(s.node("n0").gpu(0).state(GpuTrack.Rule.SLOWDOWN_MARGIN).firing()).isEqualTo(Severity.CRITICAL);

        byte[] bytes = codec.encode(s);
        RackState back = codec.decode(bytes);

        assertThat(back.site).isEqualTo("ams1");
        assertThat(back.eventTimeMs).isEqualTo(s.eventTimeMs);
        assertThat(back.closedUntilMs).isEqualTo(T0);
        RackWindow bw = back.windows.get(T0);
        assertThat(bw.powerW()).isEqualTo(w.powerW());
        assertThat(bw.samples).isEqualTo(8);
        assertThat(bw.gpus(n -> n.gpuMask)).isEqualTo(4);
        assertThat(bw.gpus(n -> n.thermalMask)).isEqualTo(2);
        assertThat(bw.gpus(n -> n.powerCapMask)).isEqualTo(2);
        assertThat(bw.minMarginC).isEqualTo(2.0);
        assertThat(bw.minMarginNode).isEqualTo("n0");
        assertThat(bw.heatRemovedKw()).isEqualTo(w.heatRemovedKw()).isCloseTo(122.8, org.assertj.core.data.Offset.offset(0.1));
        assertThat(back.node("n0").gpu(0).state(GpuTrack.Rule.SLOWDOWN_MARGIN).firing()).isEqualTo(Severity.CRITICAL);
        assertThat(back.node("n0").gpu(0).state(GpuTrack.Rule.SLOWDOWN_MARGIN).startsAtMs())
                .isEqualTo(s.node("n0").gpu(0).state(GpuTrack.Rule.SLOWDOWN_MARGIN).startsAtMs());
        assertThat(back.node("n1").lastSeenMs).isEqualTo(T0 + 7_000);
        assertThat(back.node("n0").gpus[3]).as("quiet GPUs are not written").isNull();
        assertThat(codec.encode(back)).isEqualTo(bytes);
    }

    private static GpuReading gpu(int index, double powerW, double tempC, long reasons) {
        return new GpuReading(index, "GPU-" + index, "NVIDIA GB300", powerW, tempC, tempC + 3, 1980, reasons, 90.0, 1400.0,
                89.0, 95.0, 87.0, 95.0);
    }
}
