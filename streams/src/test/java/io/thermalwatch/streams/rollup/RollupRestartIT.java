package io.thermalwatch.streams.rollup;

import static io.thermalwatch.streams.rollup.RackWindowBuilder.window;
import static io.thermalwatch.streams.rollup.RollupHarness.M0;
import static io.thermalwatch.streams.rollup.RollupHarness.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermalwatch.broker.KafkaBroker;
import io.thermalwatch.model.FleetRollup;
import io.thermalwatch.model.RackAggregate;
import io.thermalwatch.model.TelemetrySerdes;
import io.thermalwatch.model.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

/**
 * On a real broker under exactly-once, racks spread over three partitions: half of a minute's rack
 * windows reach one instance, the rest an instance that starts with an empty state directory after
 * it. The minute's rollups hold every window (the first half came back from the changelog), and
 * every (entity, minute) is committed once.
 */
class RollupRestartIT {

    private static final int RACKS = 6; // rows r01 (k0, k2, k4) and r02 (k1, k3, k5)
    /**
     * The start-up hold (nothing closes for this long after a start) and a silent rack's wait: every
     * rack sends together here, and after the restart the racks are known from the store, so a short
     * hold changes nothing the test checks; the unit tests' 30 s made each run wait 30 s.
     */
    private static final Duration SILENCE = Duration.ofSeconds(5);

    @Test
    void aMinuteOpenAcrossARestartIsEmittedOnceWithEveryWindow() throws Exception {
        try (KafkaBroker broker = KafkaBroker.startEphemeral()) {
            broker.createTopics(List.of(new NewTopic(Topics.RACK_AGGREGATES, 3, (short) 1),
                    new NewTopic(Topics.ROLLUPS, 3, (short) 1)));
            List<ConsumerRecord<String, FleetRollup>> read = new ArrayList<>();
            Throwable[] failure = new Throwable[1];
            try (KafkaProducer<String, RackAggregate> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringSerializer(),
                    TelemetrySerdes.rackAggregate().serializer());
                 KafkaConsumer<String, FleetRollup> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "rollup-restart-it-reader",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                    TelemetrySerdes.fleetRollup().deserializer())) {
                consumer.subscribe(List.of(Topics.ROLLUPS));
                // run 0: minute -1 whole, minute 0's first four windows (the fourth closes minute -1)
                // run 1: minute 0's last two windows and the windows that close it
                long[][] runs = {{M0 - MINUTE, M0 + 40_000}, {M0 + 40_000, M0 + MINUTE + 40_000}};
                for (int run = 0; run < 2; run++) {
                    try (KafkaStreams streams = new KafkaStreams(RollupHarness.topology(SILENCE),
                            props(broker, Files.createTempDirectory("rollup-it")))) {
                        streams.setUncaughtExceptionHandler(e -> {
                            failure[0] = e;
                            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
                        });
                        streams.start();
                        for (long start = runs[run][0]; start < runs[run][1]; start += 10_000) {
                            for (int k = 0; k < RACKS; k++) {
                                RackAggregate a = window("k" + k, start, power(k, start)).row(k % 2 == 0 ? "r01" : "r02").build();
                                producer.send(new ProducerRecord<>(Topics.RACK_AGGREGATES, null, start, a.rack(), a));
                            }
                        }
                        producer.flush();
                        long minute = run == 0 ? M0 - MINUTE : M0;
                        await().atMost(Duration.ofSeconds(120)).until(() -> {
                            assertThat(failure[0]).as("stream thread failure").isNull();
                            consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                            return read.stream().filter(r -> r.value().windowStartMs() == minute).count() == 3;
                        });
                        streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
                                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
                    }
                }
                consumer.poll(Duration.ofSeconds(2)).forEach(read::add);
            }
            assertThat(read.stream().map(r -> r.key() + "@" + (r.value().windowStartMs() - M0) / MINUTE))
                    .as("each (entity, minute) committed once").containsExactlyInAnyOrder(
                            "ams1/h1/r01@-1", "ams1/h1/r02@-1", "ams1/h1@-1", "ams1/h1/r01@0", "ams1/h1/r02@0", "ams1/h1@0");
            for (ConsumerRecord<String, FleetRollup> r : read) {
                FleetRollup rollup = r.value();
                int racks = rollup.level().equals("hall") ? RACKS : RACKS / 2;
                assertThat(rollup.rackWindows()).as(r.key()).isEqualTo(6 * racks);
                double expected = 0;
                for (int k = 0; k < RACKS; k++) {
                    if (rollup.level().equals("hall") || rollup.row().equals(k % 2 == 0 ? "r01" : "r02")) {
                        expected += (power(k, rollup.windowStartMs()) + power(k, rollup.windowStartMs() + 50_000)) / 2;
                    }
                }
                assertThat(rollup.totalPowerW()).as(r.key() + " minute " + rollup.windowStartMs()).isEqualTo(expected);
            }
            System.out.printf("rollup restart: %d rollups read, each (entity, minute) once, every rack window in its minute%n",
                    read.size());
        }
    }

    /** Each rack window its own power: 1 kW per rack number plus 100 W per window of the minute. */
    private static double power(int rack, long startMs) {
        return 1000.0 * (rack + 1) + 100.0 * (Math.floorMod(startMs, MINUTE) / 10_000);
    }

    private static Properties props(KafkaBroker broker, Path stateDir) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "rollup-restart-it");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        return p;
    }
}
