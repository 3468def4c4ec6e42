package io.thermalwatch.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Paths into JSON trees ({@code ["gpus", 0, "powerW"]}) and edits at them, for the schema tests. */
final class JsonPaths {

    private JsonPaths() {
    }

    /** Paths of every value in a document: object members and array elements, e.g. {@code gpus[0].powerW}. */
    static List<List<Object>> valuePaths(JsonNode doc) {
        List<List<Object>> paths = new ArrayList<>();
        walk(doc, new ArrayList<>(), paths);
        return paths;
    }

    private static void walk(JsonNode node, List<Object> at, List<List<Object>> paths) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                List<Object> next = new ArrayList<>(at);
                next.add(name);
                paths.add(next);
                walk(node.get(name), next, paths);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> next = new ArrayList<>(at);
                next.add(i);
                paths.add(next);
                walk(node.get(i), next, paths);
            }
        }
    }

    static String name(List<Object> path) {
        StringBuilder b = new StringBuilder();
        for (Object segment : path) {
            if (segment instanceof Integer i) {
                b.append('[').append(i).append(']');
            } else {
                b.append(b.length() == 0 ? "" : ".").append(segment);
            }
        }
        return b.toString();
    }

    static JsonNode read(String json) {
        try {
            return WireSchema.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(JsonNode doc) {
        try {
            return WireSchema.JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parent(JsonNode doc, List<Object> path) {
        JsonNode node = doc;
        for (Object segment : path.subList(0, path.size() - 1)) {
            node = segment instanceof Integer i ? node.get(i) : node.get((String) segment);
        }
        return node;
    }

    static void set(JsonNode doc, List<Object> path, String text) {
        JsonNode parent = parent(doc, path);
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer i) {
            ((ArrayNode) parent).set(i, TextNode.valueOf(text));
        } else {
            ((ObjectNode) parent).put((String) last, text);
        }
    }

    static void remove(JsonNode doc, List<Object> path) {
        JsonNode parent = parent(doc, path);
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer i) {
            ((ArrayNode) parent).remove(i);
        } else {
            ((ObjectNode) parent).remove((String) last);
        }
    }
}
