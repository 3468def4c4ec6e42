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

    @Test
    void readsWhatVersionTwoWroteAndWritesAFullRackInUnderAQuarterOfItsBytes() {
        RackState s = fullRack();
        byte[] v2 = new RackStateCodecV2Writer().encode(s);
        RackState fromV2 = codec.decode(v2);
        byte[] v3 = codec.encode(s);
        assertThat(codec.encode(fromV2)).as("version 2 read back as the same state").isEqualTo(v3);
        assertThat(codec.encode(codec.decode(v3))).isEqualTo(v3);
        RackState back = codec.decode(v3);
        assertThat(back.windows.keySet()).containsExactlyElementsOf(s.windows.keySet());
        assertThat(back.windows.get(T0).nodes.keySet()).containsExactlyInAnyOrderElementsOf(s.windows.get(T0).nodes.keySet());
        assertThat(back.windows.get(T0 + 10_000).powerW()).isEqualTo(s.windows.get(T0 + 10_000).powerW());
        assertThat(back.windows.get(T0).minMarginNode).isEqualTo(s.windows.get(T0).minMarginNode);
        assertThat(back.nodes.get("r01-k01-n17").lastSeenMs).isEqualTo(s.nodes.get("r01-k01-n17").lastSeenMs);
        assertThat(back.closedUntilMs).isEqualTo(s.closedUntilMs);
        assertThat(back.lastArrivalMs).isEqualTo(s.lastArrivalMs);
        // the changelog carries every changed rack at every commit: its size is the app's write volume
        assertThat(v3.length).as("v3 %d bytes vs v2 %d", v3.length, v2.length).isLessThan(v2.length / 4);
    }

    @Test
    void aNodeOnlyAWindowKnowsAndAnUnknownVersionAreHandled() {
        RackState s = new RackState();
        s.eventTimeMs = T0 + 5_000;
        s.closedUntilMs = T0 - 10_000;
        s.lastArrivalMs = T0 + 4_000;
        s.window(T0).add(new NodeSample(1, T0, "a", "h", "r", "r01-k01", "gone", List.of(gpu(0, 500, 88.0, 0L))));
        RackState back = codec.decode(codec.encode(s));
        assertThat(back.nodes).isEmpty();
        assertThat(back.windows.get(T0).nodes).containsKey("gone");
        assertThat(back.windows.get(T0).minMarginNode).isEqualTo("gone");
        byte[] future = codec.encode(s);
        future[0] = 9;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> codec.decode(future))
                .hasMessageContaining("rack state version 9 is not 3");
    }

    /** An NVL72 rack mid-stream: 18 nodes of 4 GPUs in two open windows, one GPU alert firing, a loop. */
    private static RackState fullRack() {
        RackState s = new RackState();
        s.site = "ams1";
        s.hall = "h1";
        s.row = "r01";
        GpuRules rules = new GpuRules(RuleBook.defaults());
        AlertListener none = (rule, subject, t, value, summary) -> { };
        for (int tick = 0; tick < 15; tick++) {
            long t = T0 + tick * 1_000L;
            for (int n = 0; n < 18; n++) {
                NodeSample sample = new NodeSample(1, t + n * 37, "ams1", "h1", "r01", "r01-k01", "r01-k01-n" + n,
                        List.of(gpu(0, 700 + n, n == 3 ? 87.0 : 60.0 + n, 0x4L), gpu(1, 690, 61.0, 0L),
                                gpu(2, 680, 62.5, 0L), gpu(3, 650, 60.0, 0L)));
                s.window(t / 10_000 * 10_000).add(sample);
                NodeTrack node = s.node(sample.node());
                node.lastSeenMs = sample.eventMs();
                for (GpuReading g : sample.gpus()) {
                    rules.evaluate(sample, g, node.gpu(g.index()), none);
                }
            }
            s.window(t / 10_000 * 10_000).add(new CoolantSample(1, t, "ams1", "h1", "r01", "r01-k01", "cdu1", "simulator",
                    30.0, 40.0, null, 180.0, 300.0, 160.0, 140.0, null, null, 100.0, "OK", List.of(), List.of()));
            s.loop("cdu1").lastSeenMs = t;
            s.eventTimeMs = t + 17 * 37;
            s.lastArrivalMs = t + 700;
        }
        s.closedUntilMs = T0 - 10_000;
        assertThat(s.windows).hasSize(2);
        return s;
    }

    private static GpuReading gpu(int index, double powerW, double tempC, long reasons) {
        return new GpuReading(index, "GPU-" + index, "NVIDIA GB300", powerW, tempC, tempC + 3, 1980, reasons, 90.0, 1400.0,
                89.0, 95.0, 87.0, 95.0);
    }
}
