package io.thermalwatch.model;

import java.util.Map;

/**
 * Reads an app's settings from environment variables with documented defaults, failing fast with
 * an {@link IllegalArgumentException} that names the variable. Each app's config record is built
 * from one of these ({@code CollectorConfig.fromEnv}, {@code TelemetryStreamsConfig.fromEnv}).
 */
public final class EnvSettings {

    private final Map<String, String> env;
    private final java.util.Set<String> namesRead = java.util.Collections.synchronizedSet(new java.util.TreeSet<>());

    public EnvSettings(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** Every variable name a config record asked for so far: its documented settings. */
    public java.util.SortedSet<String> namesRead() {
        return new java.util.TreeSet<>(namesRead);
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
    public static EnvSettings fromFileAndEnv(java.nio.file.Path file, Map<String, String> env) {
        java.util.Properties props = new java.util.Properties();
        try (java.io.Reader in = java.nio.file.Files.newBufferedReader(file)) {
            props.load(in);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> merged = new java.util.HashMap<>();
        props.stringPropertyNames().forEach(k -> merged.put(k, props.getProperty(k)));
        merged.putAll(env);
        return new EnvSettings(merged);
    }

    /** A duration given in milliseconds. */
    public java.time.Duration millis(String name, long defaultMs, long minMs, long maxMs) {
        return java.time.Duration.ofMillis(integer(name, defaultMs, minMs, maxMs));
    }

    /** A comma-separated list, trimmed, empty items dropped. */
    public java.util.List<String> list(String name, String defaultValue) {
        return java.util.Arrays.stream(string(name, defaultValue).split(","))
                .map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    /** A value that must be one of {@code allowed}. */
    public String oneOf(String name, String defaultValue, java.util.Set<String> allowed) {
        String v = string(name, defaultValue);
        if (!allowed.contains(v)) {
            throw new IllegalArgumentException(name + " must be one of " + new java.util.TreeSet<>(allowed) + ", was '" + v + "'");
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
            throw new IllegalArgumentException(name + " must be an integer, was '" + raw + "'");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", was " + v);
        }
        return v;
    }

    public boolean flag(String name, boolean defaultValue) {
        namesRead.add(name);
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        return switch (raw.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, was '" + raw + "'");
        };
    }
}
