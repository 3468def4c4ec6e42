package io.thermalwatch.demo.tools;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code tw-topic tail}: reads every partition without a consumer group (nothing committed, no
 * group left behind), committed records only, from the end (or {@code --from-beginning}), and
 * prints each record as {@code TOPIC pP@OFFSET key=KEY}, then its headers and value indented.
 */
record TopicTail(boolean fromBeginning, long max, long timeoutMs) {

    static TopicTail parse(List<String> args) {
        boolean fromBeginning = false;
        long max = Long.MAX_VALUE;
        long timeoutMs = Long.MAX_VALUE;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--from-beginning" -> fromBeginning = true;
                case "--max" -> max = positive(TopicProduce.value(args, ++i, "--max"), "--max");
                case "--timeout-ms" -> timeoutMs = positive(TopicProduce.value(args, ++i, "--timeout-ms"), "--timeout-ms");
                default -> throw new IllegalArgumentException("unexpected argument '" + args.get(i) + "'");
            }
        }
        return new TopicTail(fromBeginning, max, timeoutMs);
    }

    private static long positive(String v, String flag) {
        try {
            long n = Long.parseLong(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " must be a positive integer, was '" + v + "'");
    }

    /** Prints records until {@code max} were printed or {@code timeoutMs} passed; exit code. */
    int follow(String bootstrap, String topic, PrintStream out, PrintStream err) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        long deadline = timeoutMs == Long.MAX_VALUE ? Long.MAX_VALUE : System.currentTimeMillis() + timeoutMs;
        long printed = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            err.println("tw-topic: tailing " + topic + " (" + partitions.size() + " partitions)"
                    + (fromBeginning ? " from the beginning" : " from now") + "; Ctrl-C stops");
            while (printed < max && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    out.println(format(r));
                    out.flush();
                    if (++printed >= max) {
                        break;
                    }
                }
            }
        }
        if (max != Long.MAX_VALUE && printed < max) {
            err.println("tw-topic: " + printed + " of " + max + " records within " + timeoutMs + " ms");
            return 1;
        }
        return 0;
    }

    static String format(ConsumerRecord<String, byte[]> r) {
        StringBuilder s = new StringBuilder();
        s.append(r.topic()).append(" p").append(r.partition()).append('@').append(r.offset())
                .append(" key=").append(r.key() == null ? "(none)" : r.key());
        for (Header h : r.headers()) {
            s.append("\n  ").append(h.key()).append(": ")
                    .append(h.value() == null ? "(null)" : new String(h.value(), StandardCharsets.UTF_8));
        }
        s.append("\n  ").append(r.value() == null ? "(null)" : new String(r.value(), StandardCharsets.UTF_8));
        return s.toString();
    }
}
