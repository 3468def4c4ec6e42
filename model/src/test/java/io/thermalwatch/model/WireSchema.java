package io.thermalwatch.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ValueNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One wire schema as the networknt validator (draft 2020-12) judges it, plus the few rules the
 * schema's {@code $comment} names because JSON Schema cannot state them (cross-field rules, a field
 * given twice), so that a test can ask "is this payload valid?" without asking the Java reader.
 */
final class WireSchema {

    /**
     * Standard JSON: no NaN literals, trailing content is an error, a repeated name keeps its last
     * value. Numbers are what the schemas' description says: the nearest IEEE-754 double. One beyond
     * the double range (1e309) is given as the largest double of its sign, beyond every bound as it
     * should be: as infinity the validator fails (BigDecimal of a double), and kept exact it is cut to
     * its low 64 bits against an integer bound (networknt 2.0.8 let 1e309 pass "maximum": 63).
     */
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(new JsonNodeFactory() {
                @Override
                public ValueNode numberNode(BigDecimal value) {
                    double d = value.doubleValue();
                    return DoubleNode.valueOf(Double.isInfinite(d) ? Math.copySign(Double.MAX_VALUE, d) : d);
                }
            })
            .build();

    final String resource;
    final JsonNode schemaJson;
    private final Schema schema;
    private final Function<JsonNode, String> crossFieldRule;

    private WireSchema(String resource, Function<JsonNode, String> crossFieldRule) {
        this.resource = resource;
        try (InputStream in = WireSchema.class.getResourceAsStream("/schema/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("schema " + resource + " is not in the jar");
            }
            this.schemaJson = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaJson);
        this.crossFieldRule = crossFieldRule;
    }

    static WireSchema nodeSample() {
        return new WireSchema("node-sample.v1.schema.json", doc -> {
            Set<Long> indices = new HashSet<>();
            for (JsonNode gpu : doc.get("gpus")) {
                if (!indices.add(gpu.get("index").longValue())) {
                    return "gpus[].index values are distinct";
                }
            }
            return null;
        });
    }

    static WireSchema coolantSample() {
        return new WireSchema("coolant-sample.v1.schema.json", doc -> null);
    }

    static WireSchema rackAggregate() {
        return new WireSchema("rack-aggregate.v1.schema.json", doc -> {
            if (!(doc.get("windowEndMs").doubleValue() > doc.get("windowStartMs").doubleValue())) {
                return "windowEndMs > windowStartMs";
            }
            double gpus = doc.get("gpusReporting").doubleValue();
            for (String count : new String[] {"thermalThrottledGpus", "powerCappedGpus", "powerBrakedGpus"}) {
                JsonNode n = doc.get(count);
                if (n != null && n.isNumber() && n.doubleValue() > gpus) {
                    return count + " <= gpusReporting";
                }
            }
            return null;
        });
    }

    static WireSchema rackInventory() {
        return new WireSchema("rack-inventory.v1.schema.json", doc -> null);
    }

    static WireSchema thermalAlert() {
        return new WireSchema("thermal-alert.v1.schema.json", doc -> {
            JsonNode ends = doc.get("endsAtMs");
            if (ends != null && ends.isNumber() && ends.doubleValue() < doc.get("startsAtMs").doubleValue()) {
                return "endsAtMs >= startsAtMs";
            }
            return null;
        });
    }

    static WireSchema fleetRollup() {
        return new WireSchema("fleet-rollup.v1.schema.json", doc -> {
            if (!(doc.get("windowEndMs").doubleValue() > doc.get("windowStartMs").doubleValue())) {
                return "windowEndMs > windowStartMs";
            }
            if (doc.get("racksWithInventory").doubleValue() > doc.get("racksReporting").doubleValue()) {
                return "racksWithInventory <= racksReporting";
            }
            double gpus = doc.get("gpusReporting").doubleValue();
            for (String count : new String[] {"thermalThrottledGpus", "powerCappedGpus", "powerBrakedGpus"}) {
                JsonNode n = doc.get(count);
                if (n != null && n.isNumber() && n.doubleValue() > gpus) {
                    return count + " <= gpusReporting";
                }
            }
            return null;
        });
    }

    /** Why the payload is invalid (schema errors, or the rule it breaks), or null when it is valid. */
    String invalidBecause(byte[] json) {
        JsonNode doc;
        try {
            doc = JSON.readTree(json);
        } catch (IOException e) {
            return "not parsable as standard JSON";
        }
        if (doc == null || doc.isMissingNode()) {
            return "no JSON value";
        }
        List<Error> errors = schema.validate(doc);
        if (!errors.isEmpty()) {
            String m = errors.get(0).getMessage();
            return "schema: " + (m.length() > 160 ? m.substring(0, 160) + "..." : m);
        }
        String repeated = repeatedField(json);
        if (repeated != null) {
            return "a field this schema defines appears at most once in its object: " + repeated;
        }
        return crossFieldRule.apply(doc);
    }

    /** Every property path the schema defines, arrays' items written {@code name[]}, e.g. {@code gpus[].index}. */
    Set<String> propertyPaths() {
        Set<String> paths = new TreeSet<>();
        collect(schemaJson, "", paths, null);
        return paths;
    }

    /** The required property paths, as {@link #propertyPaths()} writes them. */
    Set<String> requiredPaths() {
        Set<String> required = new TreeSet<>();
        collect(schemaJson, "", new TreeSet<>(), required);
        return required;
    }

    /**
     * The required property paths for one document: {@link #requiredPaths()} plus the top-level
     * {@code then.required} where the document meets the schema's top-level {@code if}, or the {@code if}
     * of one of its top-level {@code allOf} entries.
     */
    Set<String> requiredPaths(JsonNode doc) {
        Set<String> required = requiredPaths();
        List<JsonNode> conditionals = new java.util.ArrayList<>();
        conditionals.add(schemaJson);
        schemaJson.path("allOf").forEach(conditionals::add);
        for (JsonNode c : conditionals) {
            if (c.has("if") && c.path("then").has("required")) {
                Schema condition = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(c.get("if"));
                if (condition.validate(doc).isEmpty()) {
                    c.get("then").get("required").forEach(r -> required.add(r.asText()));
                }
            }
        }
        return required;
    }

    private void collect(JsonNode node, String prefix, Set<String> paths, Set<String> required) {
        node = resolve(node);
        if (required != null && node.has("required")) {
            node.get("required").forEach(r -> required.add(prefix + r.asText()));
        }
        node.path("properties").fields().forEachRemaining(e -> {
            paths.add(prefix + e.getKey());
            JsonNode sub = resolve(e.getValue());
            if (sub.has("properties")) {
                collect(sub, prefix + e.getKey() + ".", paths, required);
            }
            if (sub.has("items")) {
                collect(sub.get("items"), prefix + e.getKey() + "[].", paths, required);
            }
        });
    }

    /** The schema of one property path (as {@link #propertyPaths()} writes it), $refs resolved and merged. */
    JsonNode property(String path) {
        JsonNode node = schemaJson;
        for (String segment : path.split("\\.")) {
            boolean items = segment.endsWith("[]");
            node = resolve(node).path("properties").get(items ? segment.substring(0, segment.length() - 2) : segment);
            if (items) {
                node = resolve(node).get("items");
            }
        }
        if (node.has("$ref")) { // a $ref's siblings narrow it: the referenced bounds hold unless restated
            ObjectNode merged = resolve(node).deepCopy();
            merged.setAll((ObjectNode) node);
            return merged;
        }
        return node;
    }

    private JsonNode resolve(JsonNode node) {
        return node != null && node.has("$ref") ? schemaJson.at(node.get("$ref").asText().substring(1)) : node;
    }

    /** The first field that the schema defines at its place and that appears twice in one object, or null. */
    private String repeatedField(byte[] json) {
        try (JsonParser p = JSON.getFactory().createParser(json)) {
            p.nextToken();
            return scan(p, schemaJson, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e); // parsed once already
        }
    }

    private String scan(JsonParser p, JsonNode schemaHere, String path) throws IOException {
        JsonNode s = resolve(schemaHere);
        String found = null;
        if (p.currentToken() == JsonToken.START_OBJECT) {
            Set<String> names = new HashSet<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                JsonNode sub = s == null ? null : s.path("properties").get(name);
                if (sub != null && !names.add(name) && found == null) {
                    found = path + name;
                }
                String inner = scan(p, sub, path + name + ".");
                found = found == null ? inner : found;
            }
        } else if (p.currentToken() == JsonToken.START_ARRAY) {
            JsonNode items = s == null ? null : s.get("items");
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                String inner = scan(p, items, path + "[" + i++ + "].");
                found = found == null ? inner : found;
            }
        }
        return found;
    }
}
