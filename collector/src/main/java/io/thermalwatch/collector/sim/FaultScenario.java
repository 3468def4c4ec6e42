package io.thermalwatch.collector.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A scripted list of faults, read from a text file: one fault a line,
 * {@code <at-seconds> <fault> <target> [for=<seconds>] [factor=<x>]}; {@code #} starts a comment.
 *
 * <pre>
 * # at  fault              target          options
 * 30    pump-failure       r01-k02         for=120
 * 45    fouled-cold-plate  r01-k03-n05:2   factor=3
 * 60    leak               r01-k01
 * 90    node-silent        r01-k04-n03     for=60
 * 120   stuck-sensor       r01-k05-n01:0
 * 150   over-budget        r02-k01         factor=1.25
 * </pre>
 */
public record FaultScenario(List<Fault> faults) {

    public FaultScenario {
        faults = List.copyOf(faults);
    }

    public static FaultScenario none() {
        return new FaultScenario(List.of());
    }

    public static FaultScenario read(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    /** @throws IllegalArgumentException naming the line that is wrong */
    public static FaultScenario parse(String text, String origin) {
        List<Fault> faults = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replaceAll("#.*", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            try {
                faults.add(parseLine(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(origin + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new FaultScenario(faults);
    }

    private static Fault parseLine(String line) {
        String[] words = line.split("\\s+");
        if (words.length < 3) {
            throw new IllegalArgumentException("expected '<at-seconds> <fault> <target> [for=s] [factor=x]'");
        }
        double at = number("at", words[0]);
        Fault.Kind kind = Fault.Kind.of(words[1].toLowerCase(Locale.ROOT));
        String target = words[2];
        boolean gpuTarget = kind == Fault.Kind.FOULED_COLD_PLATE || kind == Fault.Kind.STUCK_SENSOR;
        if (gpuTarget != target.contains(":")) {
            throw new IllegalArgumentException(kind.word() + " needs a " + (gpuTarget ? "GPU target like r01-k02-n05:3" : "rack or node target"));
        }
        double forS = Double.POSITIVE_INFINITY;
        double factor = kind == Fault.Kind.FOULED_COLD_PLATE ? 2.5 : kind == Fault.Kind.OVER_BUDGET ? 1.2 : 1.0;
        for (int w = 3; w < words.length; w++) {
            String[] kv = words[w].split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("option '" + words[w] + "' is not key=value");
            }
            switch (kv[0]) {
                case "for" -> forS = number("for", kv[1]);
                case "factor" -> factor = number("factor", kv[1]);
                default -> throw new IllegalArgumentException("unknown option '" + kv[0] + "'");
            }
        }
        return new Fault(kind, target, at, forS, factor);
    }

    private static double number(String what, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number, was '" + text + "'");
        }
    }

    /** The factor of the first active fault of this kind on exactly this target, or empty. */
    java.util.OptionalDouble active(Fault.Kind kind, String target, double elapsedS) {
        for (Fault f : faults) {
            if (f.kind() == kind && f.target().equals(target) && f.activeAt(elapsedS)) {
                return java.util.OptionalDouble.of(f.factor());
            }
        }
        return java.util.OptionalDouble.empty();
    }
}
