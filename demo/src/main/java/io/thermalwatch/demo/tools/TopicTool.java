package io.thermalwatch.demo.tools;

import io.thermalwatch.model.EnvSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * {@code bin/tw-topic}: produce records to a topic from a file or stdin, or tail a topic with its
 * headers (e.g. the dead letters' {@code tw.dlq.*}), on our own classpath: no kcat and no Kafka
 * distribution needed. Kafka at {@code KAFKA_BOOTSTRAP_SERVERS} ({@code localhost:9092}).
 *
 * <pre>
 * tw-topic produce TOPIC [FILE] [--key KEY | --key-separator SEP]
 * tw-topic tail TOPIC [--from-beginning] [--max N] [--timeout-ms MS]
 * </pre>
 * Exit codes: 0 done, 1 Kafka or topic problem, 2 bad usage or setting.
 */
public final class TopicTool {

    static final String USAGE = """
            usage: tw-topic produce TOPIC [FILE] [--key KEY | --key-separator SEP]
                     one record per non-blank line of FILE (or stdin); the key is the line's "rack"
                     field unless --key gives one for all, or each line is KEY<SEP>VALUE
                   tw-topic tail TOPIC [--from-beginning] [--max N] [--timeout-ms MS]
                     prints each record (partition, offset, key, headers, value) as it arrives
            Kafka: KAFKA_BOOTSTRAP_SERVERS (default localhost:9092)""";

    private TopicTool() {
    }

    public static void main(String[] args) {
        System.setProperty("logback.configurationFile", "logback-tools.xml");
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String bootstrap;
        try {
            bootstrap = EnvSettings.system().string("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
            if (args.length == 0 || !(args[0].equals("produce") || args[0].equals("tail"))) {
                throw new IllegalArgumentException(args.length == 0 ? "no command" : "unknown command '" + args[0] + "'");
            }
            if (args.length < 2) {
                throw new IllegalArgumentException(args[0] + " needs a topic");
            }
        } catch (IllegalArgumentException e) {
            err.println("tw-topic: " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
        String topic = args[1];
        List<String> rest = List.of(args).subList(2, args.length);
        try {
            requireTopic(bootstrap, topic);
            if (args[0].equals("produce")) {
                TopicProduce produce = TopicProduce.parse(rest);
                try (BufferedReader in = produce.file() == null
                        ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                        : Files.newBufferedReader(Path.of(produce.file()))) {
                    long n = produce.send(bootstrap, topic, in, err);
                    err.println("tw-topic: produced " + n + " record" + (n == 1 ? "" : "s") + " to " + topic);
                }
            } else {
                return TopicTail.parse(rest).follow(bootstrap, topic, out, err);
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("tw-topic: " + e.getMessage() + "\n" + USAGE);
            return 2;
        } catch (IllegalStateException | java.io.IOException e) {
            err.println("tw-topic: " + e.getMessage());
            return 1;
        }
    }

    /** Fails with a clear message when Kafka is unreachable or the topic does not exist. */
    private static void requireTopic(String bootstrap, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            admin.describeTopics(List.of(topic)).allTopicNames().get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new IllegalStateException("topic '" + topic + "' does not exist on " + bootstrap);
            }
            throw new IllegalStateException("cannot reach Kafka at " + bootstrap + ": " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + bootstrap + " (no answer within 15 s)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
