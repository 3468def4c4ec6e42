package io.thermalwatch.collector.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 *
 * A target must exist in the simulated fleet ({@link #checkTargets}): a fault on a rack, node or
 * GPU that is not there would otherwise be silently ignored.
 *
 * @param faults the faults, in file order
 * @param origin where they were read from (a file name), for error messages
 */
public record FaultScenario(List<Fault> faults, String origin) {

    private static final Pattern TARGET = Pattern.compile("r(\\d+)-k(\\d+)(?:-n(\\d+)(?::(\\d+))?)?");

    public FaultScenario {
        faults = List.copyOf(faults);
        origin = origin == null ? "" : origin;
    }

    public FaultScenario(List<Fault> faults) {
        this(faults, "");
    }

    public static FaultScenario none() {
        return new FaultScenario(List.of());
    }

    /**
     * Checks that every fault's target exists in {@code layout}.
     *
     * @throws IllegalArgumentException naming the line of the first fault whose target does not exist
     */
    public void checkTargets(FleetLayout layout) {
        for (Fault f : faults) {
            String problem = missing(f.target(), layout);
            if (problem != null) {
                throw new IllegalArgumentException((origin.isEmpty() ? "scenario" : origin)
                        + (f.line() > 0 ? " line " + f.line() : "") + ": " + f.kind().word() + " target " + problem);
            }
        }
    }

    /** Why {@code target} is not in the fleet, or null when it is. */
    private static String missing(String target, FleetLayout layout) {
        Matcher m = TARGET.matcher(target);
        if (!m.matches()) {
            return "'" + target + "' is not a rack, node or GPU id";
        }
        int row = Integer.parseInt(m.group(1));
        int inRow = Integer.parseInt(m.group(2));
        int rack = (row - 1) * layout.racksPerRow() + inRow - 1;
        if (row < 1 || inRow < 1 || inRow > layout.racksPerRow() || rack >= layout.racks()
                || !target.startsWith(layout.rackId(rack))) {
            return "'" + target + "' does not exist: the fleet has " + layout.racks() + " racks, "
                    + layout.rackId(0) + " .. " + layout.rackId(layout.racks() - 1)
                    + " (" + layout.racksPerRow() + " a row; TW_SIM_RACKS, TW_SIM_RACKS_PER_ROW)";
        }
        if (m.group(3) == null) {
            return null;
        }
        int node = Integer.parseInt(m.group(3)) - 1;
        if (node < 0 || node >= layout.nodesPerRack() || !target.startsWith(layout.nodeId(rack, node))) {
            return "'" + target + "' does not exist: racks have nodes n01 .. "
                    + String.format("n%02d", layout.nodesPerRack()) + " (TW_SIM_NODES_PER_RACK)";
        }
        if (m.group(4) == null) {
            return null;
        }
        int gpu = Integer.parseInt(m.group(4));
        if (gpu >= layout.gpusPerNode() || !target.equals(layout.nodeId(rack, node) + ":" + gpu)) {
            return "'" + target + "' does not exist: nodes have GPUs :0 .. :" + (layout.gpusPerNode() - 1)
                    + " (TW_SIM_GPUS_PER_NODE)";
        }
        return null;
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
                faults.add(parseLine(line, i + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(origin + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new FaultScenario(faults, origin);
    }

    private static Fault parseLine(String line, int lineNumber) {
        String[] words = line.split("\\s+");
        if (words.length < 3) {
            throw new IllegalArgumentException("expected '<at-seconds> <fault> <target> [for=s] [factor=x]'");
        }
        double at = number("at", words[0]);
        Fault.Kind kind = Fault.Kind.of(words[1].toLowerCase(Locale.ROOT));
        String target = words[2];
        if (kind.target() != levelOf(target)) {
            throw new IllegalArgumentException(kind.word() + " needs a " + kind.target().example() + ", was '" + target + "'");
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
        return new Fault(kind, target, at, forS, factor, lineNumber);
    }

    private static Fault.Target levelOf(String target) {
        if (target.contains(":")) {
            return Fault.Target.GPU;
        }
        return target.matches(".*-n\\d+") ? Fault.Target.NODE : Fault.Target.RACK;
    }

    private static double number(String what, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number, was '" + text + "'");
        }
    }

    /** The factor of the first active fault of this kind on exactly this target, or empty. */
    OptionalDouble active(Fault.Kind kind, String target, double elapsedS) {
        for (Fault f : faults) {
            if (f.kind() == kind && f.target().equals(target) && f.activeAt(elapsedS)) {
                return OptionalDouble.of(f.factor());
            }
        }
        return OptionalDouble.empty();
    }
}
