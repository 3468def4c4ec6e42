package io.thermalwatch.api.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.thermalwatch.api.security.TestTokens;
import io.thermalwatch.api.problem.Problem;
import io.thermalwatch.sink.InfluxSinkConfig;
import io.thermalwatch.sink.bench.InfluxdServer;
import io.thermalwatch.sink.influx.InfluxStore;
import io.thermalwatch.sink.line.LineBuilder;
import io.thermalwatch.sink.measurement.LineEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real influxd (the sink's {@link InfluxdServer}; missing, it fails naming {@code apt-get install
 * influxdb}) set up by the sink's own {@link InfluxStore} (database, policies, continuous queries),
 * filled through the sink's own line encoders, and the API started against it, with a fixed clock.
 * Kafka is a closed port: these tests read InfluxDB, and fill the in-memory state directly.
 * Each test class starts its own and closes it.
 */
public final class HistoryFixture implements AutoCloseable {

    public static final String DATABASE = "thermalwatch";
    /** The API's "now": a whole minute, so that steps of a minute align with the data. */
    public static final long NOW = System.currentTimeMillis() / 60_000 * 60_000;

    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final Path dir;
    public final InfluxdServer influxd;
    public final InfluxStore store;
    public final EmbeddedServer server;
    private final HttpClient client;
    public final BlockingHttpClient http;

    public HistoryFixture() {
        try {
            dir = Files.createTempDirectory("api-history-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        influxd = InfluxdServer.start(dir.resolve("influxd"));
        store = new InfluxStore(new InfluxSinkConfig("127.0.0.1:" + closedPort(), "unused", influxd.url(), "", "", DATABASE,
                Duration.ofDays(7), Duration.ofDays(400), 5000, Duration.ofSeconds(1), Duration.ofSeconds(30), 0));
        store.setUp();
        server = ApplicationContext.builder().singletons(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC))
                .properties(Map.of("kafka.bootstrap.servers", "127.0.0.1:" + closedPort(), "micronaut.server.port", -1,
                        "thermalwatch.api.influx.url", influxd.url(), "thermalwatch.api.influx.database", DATABASE,
                        "micronaut.http.client.read-timeout", "60s", TestTokens.PROPERTY, TestTokens.SECRET))
                .run(EmbeddedServer.class);
        client = server.getApplicationContext().createBean(HttpClient.class, server.getURL());
        http = client.toBlocking();
    }

    /** Encodes records as the sink does and writes them to the encoder's policy, in batches. */
    public <T> void write(LineEncoder encoder, Stream<Record<T>> records, java.util.function.Function<T, byte[]> toJson) {
        LineBuilder lines = new LineBuilder(new StringBuilder());
        records.forEach(r -> {
            encoder.append(toJson.apply(r.value()), r.timestampMs(), lines);
            if (lines.points() >= 5000) {
                store.write(encoder.retention(), lines.text());
                lines.clear();
            }
        });
        if (lines.points() > 0) {
            store.write(encoder.retention(), lines.text());
        }
    }

    /** A record and its Kafka timestamp. */
    public record Record<T>(T value, long timestampMs) {
    }

    /** A number from InfluxQL, as an analyst would ask (0 when nothing). */
    public double count(String influxQl) {
        var rows = store.query(influxQl).getResults().get(0).getSeries();
        return rows == null ? 0 : ((Number) rows.get(0).getValues().get(0).get(1)).doubleValue();
    }

    /** One path segment or query value, percent-encoded (spaces as %20). */
    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The answer to a GET: status, content type and body, whatever the status. */
    public record Answer(int status, String contentType, String body) {
    }

    public Answer get(String uri, String accept) {
        return get(http, uri, accept);
    }

    public static Answer get(BlockingHttpClient http, String uri, String accept) {
        // analyst: history and alert history need it, and it reaches the viewer's endpoints too
        MutableHttpRequest<?> request = HttpRequest.GET(uri).header("Authorization", TestTokens.bearer("analyst"));
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            HttpResponse<String> r = http.exchange(request, String.class);
            return new Answer(r.code(), r.getContentType().map(Object::toString).orElse(""), r.body());
        } catch (HttpClientResponseException e) {
            return new Answer(e.code(), e.getResponse().getContentType().map(Object::toString).orElse(""),
                    e.getResponse().getBody(String.class).orElse(""));
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> json(String body) {
        try {
            return JSON.readValue(body, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts a problem+json answer of {@code status} whose type names {@code parameter}. */
    public static Map<String, Object> assertProblem(Answer a, int status, String type) {
        assertThat(a.status()).as(a.toString()).isEqualTo(status);
        assertThat(a.contentType()).as(a.toString()).startsWith(Problem.CONTENT_TYPE);
        Map<String, Object> problem = json(a.body());
        assertThat(problem).containsEntry("status", status);
        if (type != null) {
            assertThat(problem).as(a.toString()).containsEntry("type", type);
        }
        return problem;
    }

    public static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        client.close();
        server.getApplicationContext().close();
        store.close();
        influxd.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
