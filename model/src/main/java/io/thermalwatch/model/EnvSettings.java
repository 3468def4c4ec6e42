package io.thermalwatch.model;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an app's settings from environment variables with documented defaults, failing fast with
 * an {@link IllegalArgumentException} whose message names the variable, what it allows (range,
 * format or choices) and the value it got, e.g.
 * {@code TW_SIM_RACKS must be an integer in 1..100000, was 'many'}. Each app's config is built
 * from one of these ({@code CollectorConfig.fromEnv}, {@code TelemetryStreamsConfig.fromEnv},
 * {@code ApiSettings.fromEnv}); its main prints the message and exits, without a stack trace.
 */
public final class EnvSettings {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");

    private final Map<String, String> env;
    private final Set<String> namesRead = Collections.synchronizedSet(new TreeSet<>());

    public EnvSettings(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** Every variable name a config record asked for so far: its documented settings. */
    public SortedSet<String> namesRead() {
        return new TreeSet<>(namesRead);
    }

    public static EnvSettings system() {
        return new EnvSettings(System.getenv());
    }

    /**
     * Settings from a properties file whose keys are the variable names ({@code TW_SOURCES=nvml}),
     * overridden by the environment.
     *
     * @throws IllegalArgumentException if the file cannot be read
     */
    public static EnvSettings fromFileAndEnv(Path file, Map<String, String> env) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> merged = new HashMap<>();
        props.stringPropertyNames().forEach(k -> merged.put(k, props.getProperty(k)));
        merged.putAll(env);
        return new EnvSettings(merged);
    }

    /** A duration given as a whole number of milliseconds, {@code minMs..maxMs}. */
    public Duration millis(String name, long defaultMs, long minMs, long maxMs) {
        return Duration.ofMillis(integer(name, defaultMs, minMs, maxMs));
    }

    /**
     * A duration written with a unit, {@code 500ms}, {@code 60s}, {@code 15m}, {@code 1h},
     * {@code 1d}, or in ISO-8601 ({@code PT1M}), within {@code min..max}.
     */
    public Duration duration(String name, Duration defaultValue, Duration min, Duration max) {
        namesRead.add(name);
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        Duration d = parseDuration(raw.trim());
        if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be a duration in " + format(min) + ".." + format(max)
                    + " (e.g. 500ms, 60s, 15m, 1h), was '" + raw + "'");
        }
        return d;
    }

    /** A comma-separated list, trimmed, empty items dropped. */
    public List<String> list(String name, String defaultValue) {
        return Arrays.stream(string(name, defaultValue).split(","))
                .map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    /** A comma-separated list of at least one item, each one of {@code allowed}. */
    public List<String> listOf(String name, String defaultValue, Set<String> allowed) {
        List<String> items = list(name, defaultValue);
        List<String> unknown = items.stream().filter(v -> !allowed.contains(v)).toList();
        if (items.isEmpty() || !unknown.isEmpty()) {
            throw new IllegalArgumentException(name + " must be a comma-separated list of " + new TreeSet<>(allowed)
                    + ", was '" + env.getOrDefault(name, defaultValue) + "'"
                    + (unknown.isEmpty() ? " (empty)" : " (unknown: " + String.join(", ", unknown) + ")"));
        }
        return items;
    }

    /** A value that must be one of {@code allowed}. */
    public String oneOf(String name, String defaultValue, Set<String> allowed) {
        String v = string(name, defaultValue);
        if (!allowed.contains(v)) {
            throw new IllegalArgumentException(name + " must be one of " + new TreeSet<>(allowed) + ", was '" + v + "'");
        }
        return v;
    }

    public String string(String name, String defaultValue) {
        namesRead.add(name);
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        return v.trim();
    }

    /** A whole number in {@code min..max}. */
    public long integer(String name, long defaultValue, long min, long max) {
        namesRead.add(name);
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        long v;
        try {
            v = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer in " + min + ".." + max + ", was '" + raw + "'");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", was " + v);
        }
        return v;
    }

    /** {@code true}/{@code false} (also {@code 1}/{@code 0}, {@code yes}/{@code no}). */
    public boolean flag(String name, boolean defaultValue) {
        namesRead.add(name);
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, was '" + raw + "'");
        };
    }

    private static Duration parseDuration(String s) {
        Matcher m = SIMPLE_DURATION.matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The shortest of {@code 1d}, {@code 3h}, {@code 15m}, {@code 60s}, {@code 500ms} that is exact. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        long[] units = {86_400_000, 3_600_000, 60_000, 1_000};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (ms % units[i] == 0) {
                return ms / units[i] + names[i];
            }
        }
        return ms + "ms";
    }
}
