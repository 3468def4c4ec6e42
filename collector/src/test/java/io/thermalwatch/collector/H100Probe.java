package io.thermalwatch.collector;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** The real H100's {@code h100/nvml-probe.txt}: what NVML itself said about the card. */
public final class H100Probe {

    private H100Probe() {
    }

    /** NVML's thresholds, °C, by name: SHUTDOWN, SLOWDOWN, MEM_MAX, GPU_MAX (unsupported ones absent). */
    public static Map<String, Double> thresholds() {
        Map<String, Double> out = new HashMap<>();
        for (String line : text().lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[0].equals("threshold")) {
                out.put(f[1], Double.valueOf(f[2]));
            }
        }
        return Map.copyOf(out);
    }

    private static String text() {
        try (InputStream in = Objects.requireNonNull(H100Probe.class.getResourceAsStream("/h100/nvml-probe.txt"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
