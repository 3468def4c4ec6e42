package io.thermalwatch.dispatcher.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Alertmanager's webhook notifications, received in the test: each alert of each notification,
 * with the path it came to ({@code /<alertmanager>/<receiver>}) and when (System.nanoTime).
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One alert of one notification. */
    public record Received(String path, String status, Map<String, String> labels, Map<String, String> annotations,
            String startsAt, String endsAt, String generatorUrl, long receivedNanos) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            long at = System.nanoTime();
            try (InputStream in = exchange.getRequestBody()) {
                JsonNode body = JSON.readTree(in);
                List<Received> batch = new ArrayList<>();
                for (JsonNode a : body.get("alerts")) {
                    batch.add(new Received(exchange.getRequestURI().getPath(), a.get("status").asText(), strings(a.get("labels")),
                            strings(a.get("annotations")), a.get("startsAt").asText(), a.get("endsAt").asText(),
                            a.get("generatorURL").asText(), at));
                }
                received.addAll(batch);
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** The URL Alertmanager {@code am} posts receiver {@code receiver}'s notifications to. */
    public String url(String am, String receiver) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + am + "/" + receiver;
    }

    public List<Received> matching(Predicate<Received> filter) {
        return received.stream().filter(filter).toList();
    }

    /** Alerts that came through {@code am}, for {@code rack}, in {@code status}. */
    public List<Received> of(String am, String rack, String status) {
        return matching(r -> r.path().startsWith("/" + am + "/") && rack.equals(r.labels().get("rack")) && status.equals(r.status()));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
