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
