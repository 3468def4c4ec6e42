package io.thermalwatch.demo.tools;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code tw-topic produce}: one record per non-blank line, value byte for byte as written (UTF-8),
 * key from {@code --key}, from {@code KEY<SEP>VALUE} lines, or else the line's top-level
 * {@code "rack"} field (our topics are keyed by rack); a line with none goes without a key.
 */
record TopicProduce(String file, String key, String separator) {

    private static final JsonFactory JSON = new JsonFactory();

    static TopicProduce parse(List<String> args) {
        String file = null;
        String key = null;
        String separator = null;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--key" -> key = value(args, ++i, "--key");
                case "--key-separator" -> separator = value(args, ++i, "--key-separator");
                default -> {
                    if (args.get(i).startsWith("--") || file != null) {
                        throw new IllegalArgumentException("unexpected argument '" + args.get(i) + "'");
                    }
                    file = args.get(i);
                }
            }
        }
        if (key != null && separator != null) {
            throw new IllegalArgumentException("give --key or --key-separator, not both");
        }
        return new TopicProduce(file, key, separator);
    }

    static String value(List<String> args, int i, String flag) {
        if (i >= args.size() || args.get(i).isEmpty()) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args.get(i);
    }

    /** Sends every line and waits until the broker has all of them; returns how many. */
    long send(String bootstrap, String topic, BufferedReader in, PrintStream err) throws IOException {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        long n = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            java.util.List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String k = key;
                String v = line;
                if (separator != null) {
                    int at = line.indexOf(separator);
                    if (at < 0) {
                        throw new IllegalArgumentException("line " + lineNo + " has no key separator '" + separator + "'");
                    }
                    k = line.substring(0, at);
                    v = line.substring(at + separator.length());
                } else if (k == null) {
                    k = rackOf(line);
                    if (k == null) {
                        err.println("tw-topic: line " + lineNo + " has no \"rack\" field; sent without a key");
                    }
                }
                sent.add(producer.send(new ProducerRecord<>(topic, k, v.getBytes(StandardCharsets.UTF_8))));
                n++;
            }
            for (java.util.concurrent.Future<?> f : sent) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused a record: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        return n;
    }

    /** The top-level {@code "rack"} string of a JSON object line, or null (not JSON, no such field). */
    static String rackOf(String line) {
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (field.equals("rack") && t == JsonToken.VALUE_STRING) {
                    return p.getText();
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
