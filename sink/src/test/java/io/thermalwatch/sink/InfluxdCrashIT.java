package io.thermalwatch.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermalwatch.broker.KafkaBroker;
import io.thermalwatch.model.NodeSampleJson;
import io.thermalwatch.model.Topics;
import io.thermalwatch.sink.bench.InfluxdServer;
import io.thermalwatch.sink.it.Influx;
import io.thermalwatch.sink.it.Records;
import io.thermalwatch.sink.it.SinkFixture;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/**
 * influxd killed (SIGKILL) and restarted while the sink writes a stream, and the sink itself
 * stopped while influxd is down: every point lands exactly once.
 */
class InfluxdCrashIT {

    private static final int RACKS = 20;
    private static final int NODES = 18;
    private static final int GPUS = 4;
    private static final int TICKS = 60;

    private static long failures(InfluxSink sink) {
        return sink.metrics().prometheusText().lines().filter(l -> l.startsWith("thermalwatch_sink_write_failures_total "))
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void nothingIsLostAndNothingDoubledWhenInfluxdAndTheSinkDieMidStream() throws Exception {
        try (KafkaBroker broker = KafkaBroker.startEphemeral();
             InfluxdServer influxd = InfluxdServer.start(Files.createTempDirectory("influxd-crash"));
             Influx influx = new Influx(influxd.url(), "crash")) {
            SinkFixture.createTopics(broker, 3);
            long t0 = System.currentTimeMillis() - 3_600_000;
            int total = RACKS * NODES * GPUS * TICKS;
            AtomicInteger sent = new AtomicInteger();
            Thread producer = new Thread(() -> {
                try (KafkaProducer<String, byte[]> p = SinkFixture.producer(broker)) {
                    for (int tick = 0; tick < TICKS; tick++) {
                        for (int r = 0; r < RACKS; r++) {
                            for (int n = 0; n < NODES; n++) {
                                String rack = "r01-k" + r;
                                SinkFixture.send(p, Topics.NODE_SAMPLES, rack, t0, NodeSampleJson.write(
                                        Records.node("ams1", rack, "n" + n, t0 + tick * 1000L, GPUS, tick)));
                                sent.incrementAndGet();
                            }
                        }
                        p.flush();
                    }
                }
            }, "test-producer");
            InfluxSinkConfig config = SinkFixture.config(broker, influxd.url(), "crash-sink", "crash", 2000, 0);
            InfluxSink sink = new InfluxSink(config, Clock.systemUTC());
            try {
                sink.start();
                producer.start();
                await().atMost(Duration.ofSeconds(120)).until(() -> sink.metrics().pointsWritten() >= total / 5);
                influxd.kill();
                await().atMost(Duration.ofSeconds(60)).until(() -> failures(sink) >= 3);
                long stuckAt = sink.metrics().pointsWritten();
                await().atMost(Duration.ofSeconds(60)).until(() -> failures(sink) >= 6);
                assertThat(sink.metrics().pointsWritten()).as("nothing committed while influxd is down").isEqualTo(stuckAt);
            } finally {
                sink.close(); // while influxd is down: its unwritten batches must stay uncommitted
            }
            influxd.start();
            try (InfluxSink again = new InfluxSink(config, Clock.systemUTC())) {
                again.start();
                producer.join(Duration.ofSeconds(120).toMillis());
                assertThat(sent.get()).isEqualTo(total / GPUS);
                await().atMost(Duration.ofSeconds(180)).until(() -> again.metrics().lag() == 0
                        && again.metrics().prometheusText().contains("thermalwatch_sink_uncommitted_records 0\n")
                        && influx.number("SELECT count(powerW) FROM raw.gpu", "count") >= total);
            }
            System.out.printf("InfluxdCrashIT: %d GPU points through a SIGKILL of influxd and a sink restart while it was down%n", total);
            assertThat(influx.number("SELECT count(powerW) FROM raw.gpu", "count")).isEqualTo(total);
            double perNodeSum = TICKS * (GPUS * 100 + 10 * 6) + GPUS * (TICKS * (TICKS - 1) / 2.0);
            assertThat(influx.number("SELECT sum(powerW) FROM raw.gpu", "sum")).isEqualTo(perNodeSum * RACKS * NODES);
        }
    }
}
