package io.thermalwatch.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs InfluxQL over influxd's HTTP {@code /query} as Grafana's InfluxDB data source does (GET,
 * {@code db}, {@code epoch=ms}) and returns the series of the first statement.
 */
public final class InfluxHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String url;
    private final String database;

    public InfluxHttp(String url, String database) {
        this.url = url;
        this.database = database;
    }

    /** One series of a result: its measurement, tags, columns and rows. */
    public record Series(String name, Map<String, String> tags, List<String> columns, List<List<Object>> values) {
    }

    /**
     * @throws IllegalStateException with influxd's error message if the query fails
     */
    public List<Series> query(String influxQl) {
        URI uri = URI.create(url + "/query?db=" + enc(database) + "&epoch=ms&q=" + enc(influxQl));
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("influxd at " + url + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ", not JSON: " + response.body(), e);
        }
        if (body.has("error")) {
            throw new IllegalStateException("influxd: " + body.get("error").asText());
        }
        JsonNode result = body.path("results").path(0);
        if (result.has("error")) {
            throw new IllegalStateException("influxd: " + result.get("error").asText());
        }
        List<Series> out = new ArrayList<>();
        for (JsonNode s : result.path("series")) {
            Map<String, String> tags = new LinkedHashMap<>();
            s.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
            List<String> columns = new ArrayList<>();
            s.path("columns").forEach(c -> columns.add(c.asText()));
            List<List<Object>> rows = new ArrayList<>();
            for (JsonNode row : s.path("values")) {
                List<Object> values = new ArrayList<>();
                row.forEach(v -> values.add(v.isNull() ? null : v.isNumber() ? v.numberValue() : v.asText()));
                rows.add(values);
            }
            out.add(new Series(s.path("name").asText(), tags, columns, rows));
        }
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
