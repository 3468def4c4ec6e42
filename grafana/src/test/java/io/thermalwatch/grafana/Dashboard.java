package io.thermalwatch.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One dashboard file of {@code grafana/dashboards}, read as Grafana's JSON model: its panels (those
 * inside rows included), their InfluxQL targets, its template variables and annotation queries.
 */
public record Dashboard(String file, JsonNode json) {

    /** Where the dashboards live, relative to the module (the tests' working directory). */
    public static final Path DIR = Path.of("dashboards");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every {@code *.json} in {@link #DIR}, by file name. */
    public static List<Dashboard> all() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().map(Dashboard::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Dashboard read(Path file) {
        try {
            return new Dashboard(file.getFileName().toString(), JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("dashboard " + file + " does not parse", e);
        }
    }

    public String title() {
        return json.path("title").asText();
    }

    /** Every panel, rows and the panels nested in collapsed rows included. */
    public List<JsonNode> panels() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : json.path("panels")) {
            out.add(p);
            p.path("panels").forEach(out::add);
        }
        return out;
    }

    /** Every query of every panel. */
    public List<Target> targets() {
        List<Target> out = new ArrayList<>();
        for (JsonNode p : panels()) {
            for (JsonNode t : p.path("targets")) {
                out.add(new Target(this, p.path("title").asText(), t.path("refId").asText(), t.path("query").asText(),
                        t.path("alias").asText(""), p.path("interval").asText("")));
            }
        }
        return out;
    }

    /** Template variables in their order (Grafana resolves a chain in this order). */
    public List<JsonNode> variables() {
        List<JsonNode> out = new ArrayList<>();
        json.path("templating").path("list").forEach(out::add);
        return out;
    }

    /** Annotation definitions that run a query (Grafana's built-in one does not). */
    public List<JsonNode> annotationQueries() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode a : json.path("annotations").path("list")) {
            if (a.has("query")) {
                out.add(a);
            }
        }
        return out;
    }

    /** Every {@code datasource} reference anywhere in the model, by its JSON path. */
    public Map<String, JsonNode> datasourceRefs() {
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        collect(json, "$", out);
        return out;
    }

    private static void collect(JsonNode node, String path, Map<String, JsonNode> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = path + "." + e.getKey();
                if (e.getKey().equals("datasource")) {
                    out.put(child, e.getValue());
                }
                collect(e.getValue(), child, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "[" + i + "]", out);
            }
        }
    }

    /** One InfluxQL query of a panel; {@code minInterval} is the panel's "Min interval" ("" if unset). */
    public record Target(Dashboard dashboard, String panel, String refId, String query, String alias, String minInterval) {
        @Override
        public String toString() {
            return dashboard.file() + " / panel \"" + panel + "\" / " + refId;
        }
    }
}
