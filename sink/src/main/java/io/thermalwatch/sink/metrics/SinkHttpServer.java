package io.thermalwatch.sink.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The sink's own small HTTP endpoint: {@code GET /metrics} (Prometheus text format) and
 * {@code GET /health} ({@code {"status":"UP"}}, or 503 {@code DOWN} with the reason).
 */
public final class SinkHttpServer implements AutoCloseable {

    private final HttpServer server;

    /**
     * @param port   0 for any free port
     * @param health null when healthy, else why not
     */
    public SinkHttpServer(int port, SinkMetrics metrics, Supplier<String> health) {
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the metrics port " + port + " (TW_SINK_METRICS_PORT)", e);
        }
        server.createContext("/metrics", exchange -> respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
                metrics.prometheusText()));
        server.createContext("/health", exchange -> {
            String problem = health.get();
            respond(exchange, problem == null ? 200 : 503, "application/json",
                    problem == null ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\",\"reason\":\"" + problem.replace("\"", "'") + "\"}");
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (!"GET".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(405, -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
