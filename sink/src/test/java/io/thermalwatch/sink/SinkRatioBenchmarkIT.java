package io.thermalwatch.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermalwatch.broker.KafkaBroker;
import io.thermalwatch.sink.bench.SinkRatioBenchmark;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * Runs the ratio benchmark small, so that it cannot rot, and prints its figures; speed is not
 * asserted (the machine is shared), only that each phase wrote every point.
 */
class SinkRatioBenchmarkIT {

    @Test
    void measuresTheSinkBesideRawLineProtocolOnTheSameInfluxd() throws Exception {
        int racks = Integer.getInteger("tw.sinkbench.racks", 20);
        int ticks = Integer.getInteger("tw.sinkbench.ticks", 30);
        try (KafkaBroker broker = KafkaBroker.startEphemeral()) {
            SinkRatioBenchmark.Figures f = SinkRatioBenchmark.measure(broker.bootstrapServers(),
                    Files.createTempDirectory("influxd-bench"), racks, ticks, 5000);
            System.out.printf("SinkRatioBenchmark: %d points, raw %.0f points/s (before %.0f, after %.0f), sink %.0f points/s,"
                    + " ratio %.2f (goal >= 0.8)%n", f.points(), f.rawPointsPerS(), f.rawBeforePerS(), f.rawAfterPerS(),
                    f.sinkPointsPerS(), f.ratio());
            assertThat(f.points()).isEqualTo((long) racks * 18 * 4 * ticks);
            assertThat(f.rawPointsPerS()).isPositive();
            assertThat(f.sinkPointsPerS()).isPositive();
        }
    }
}
