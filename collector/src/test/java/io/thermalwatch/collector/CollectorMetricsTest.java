package io.thermalwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermalwatch.collector.sim.FleetLayout;
import io.thermalwatch.collector.sim.FleetSimulator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CollectorMetricsTest {

    @Test
    void everySourceHasItsCountersAtZeroBeforeItsFirstTickOrError() {
        CollectorMetrics metrics = new CollectorMetrics();
        SampleSink discard = new SampleSink() {
            @Override
            public void accept(io.thermalwatch.model.NodeSample sample) {
            }

            @Override
            public void accept(io.thermalwatch.model.CoolantSample sample) {
            }
        };
        try (SamplingLoop loop = new SamplingLoop(List.of(new FleetSimulator(new FleetLayout("s", "h", 1, 1, 1, 1), 1)),
                discard, Clock.systemUTC(), Duration.ofSeconds(1), metrics)) {
            assertThat(metrics.prometheusText()).contains(
                    "thermalwatch_collector_samples_read_total{source=\"simulator\"} 0\n",
                    "thermalwatch_collector_source_errors_total{source=\"simulator\"} 0\n",
                    "thermalwatch_collector_unsupported_total{source=\"simulator\"} 0\n");
            loop.tick();
            assertThat(metrics.prometheusText()).contains("thermalwatch_collector_samples_read_total{source=\"simulator\"} 2\n",
                    "thermalwatch_collector_source_errors_total{source=\"simulator\"} 0\n");
        }
    }
}
