package io.thermalwatch.streams.alert;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every alert rule's settings: the shipped defaults ({@code default-rules.yaml} beside this class)
 * with an operator's file laid over them key by key. Unknown rules or keys, and values that do not
 * fit, are refused at start naming the rule and key.
 */
public final class RuleBook {

    private static final Set<String> RULE_KEYS = Set.of("unit", "direction", "enabled", "warning", "warningClear",
            "critical", "criticalClear", "for", "criticalFor", "keepFiringFor", "flapWindow", "maxFlaps", "runbook", "description", "params");
    private static final Set<String> DEFAULT_KEYS = Set.of("for", "criticalFor", "keepFiringFor", "flapWindow", "maxFlaps",
            "runbookBase");

    private final Map<String, RuleSpec> rules;

    private RuleBook(Map<String, RuleSpec> rules) {
        this.rules = Map.copyOf(rules);
    }

    /** The shipped defaults alone. */
    public static RuleBook defaults() {
        return load(null);
    }

    /** The defaults with {@code overrides} (a YAML rule file) laid over them; null for none. */
    public static RuleBook load(Path overrides) {
        Map<String, Object> base;
        try (InputStream in = RuleBook.class.getResourceAsStream("default-rules.yaml")) {
            base = parse(in, "the default rule file");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (overrides != null) {
            try (InputStream in = Files.newInputStream(overrides)) {
                merge(base, parse(in, overrides.toString()), overrides.toString());
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the alert rule file " + overrides + ": " + e.getMessage(), e);
            }
        }
        return build(base);
    }

    /** A rule by id; every id in the default file exists. */
    public RuleSpec rule(String id) {
        RuleSpec spec = rules.get(id);
        if (spec == null) {
            throw new IllegalArgumentException("no alert rule '" + id + "'");
        }
        return spec;
    }

    public Set<String> ids() {
        return rules.keySet();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(InputStream in, String what) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object doc = new Yaml(new SafeConstructor(options)).load(in);
        if (!(doc instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(what + " must be a YAML mapping with 'rules:'");
        }
        return (Map<String, Object>) doc;
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> base, Map<String, Object> over, String file) {
        for (Map.Entry<String, Object> top : over.entrySet()) {
            Map<String, Object> target = (Map<String, Object>) base.get(top.getKey());
            if (target == null) {
                throw new IllegalArgumentException(file + ": unknown section '" + top.getKey() + "' (known: defaults, rules)");
            }
            Map<String, Object> section = mapping(top.getValue(), file + ": " + top.getKey());
            if (top.getKey().equals("defaults")) {
                checkKeys(section.keySet(), DEFAULT_KEYS, file + ": defaults");
                target.putAll(section);
                continue;
            }
            for (Map.Entry<String, Object> rule : section.entrySet()) {
                Map<String, Object> current = (Map<String, Object>) target.get(rule.getKey());
                if (current == null) {
                    throw new IllegalArgumentException(file + ": unknown rule '" + rule.getKey() + "'"
                            + nearest(rule.getKey(), target.keySet()));
                }
                Map<String, Object> given = mapping(rule.getValue(), file + ": rule " + rule.getKey());
                checkKeys(given.keySet(), RULE_KEYS, file + ": rule " + rule.getKey());
                Map<String, Object> merged = new LinkedHashMap<>(current);
                merged.putAll(given);
                keepHysteresis(merged, current, given, "warning");
                keepHysteresis(merged, current, given, "critical");
                target.put(rule.getKey(), merged);
            }
        }
    }

    /**
     * An operator who moves a trigger but not its clear level keeps the default's hysteresis gap,
     * rather than getting a clear level on the wrong side of the new trigger.
     */
    private static void keepHysteresis(Map<String, Object> merged, Map<String, Object> current,
                                       Map<String, Object> given, String level) {
        String clear = level + "Clear";
        if (given.containsKey(level) && !given.containsKey(clear) && given.get(level) instanceof Number trigger
                && current.get(level) instanceof Number oldTrigger && current.get(clear) instanceof Number oldClear) {
            merged.put(clear, trigger.doubleValue() + (oldClear.doubleValue() - oldTrigger.doubleValue()));
        }
    }

    @SuppressWarnings("unchecked")
    private static RuleBook build(Map<String, Object> doc) {
        Map<String, Object> defaults = (Map<String, Object>) doc.get("defaults");
        Map<String, Object> rules = (Map<String, Object>) doc.get("rules");
        Map<String, RuleSpec> specs = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : rules.entrySet()) {
            specs.put(e.getKey(), RuleSpecReader.read(e.getKey(), (Map<String, Object>) e.getValue(), defaults));
        }
        return new RuleBook(specs);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> mapping(Object value, String what) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(what + " must be a mapping");
        }
        return (Map<String, Object>) value;
    }

    private static void checkKeys(Set<String> given, Set<String> known, String what) {
        for (String key : given) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(what + ": unknown key '" + key + "'" + nearest(key, known));
            }
        }
    }

    private static String nearest(String word, Set<String> known) {
        return known.stream().min(Comparator.comparingInt(k -> distance(word, k)))
                .filter(k -> distance(word, k) <= Math.max(2, word.length() / 3))
                .map(k -> " (did you mean '" + k + "'?)").orElse("");
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] cur = new int[b.length() + 1];
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            prev = cur;
        }
        return prev[b.length()];
    }
}
