package io.thermalwatch.demo;

import io.thermalwatch.collector.sim.Fault;
import io.thermalwatch.collector.sim.FaultScenario;
import io.thermalwatch.collector.sim.FleetLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fault scenario the demo plays unless {@code TW_SIM_SCENARIO} is set ({@value #RESOURCE} beside
 * this class): a pump failure, a silent node, a fouled cold plate and a rack driven over its power
 * budget, in the first two racks, all over by {@link #LAST_FAULT_ENDS_S} s, so that the alerts they
 * raise fire and resolve within the demo's first three minutes. {@code TW_SIM_SCENARIO} may name
 * another file, or be {@code none} for no faults (the collector reads it).
 */
final class DefaultScenario {

    static final String RESOURCE = "default-scenario.txt";
    /** Every fault of the default scenario has ended by then, seconds after the first sample. */
    static final double LAST_FAULT_ENDS_S = 120;
    private static final String ORIGIN = "the demo's default scenario";

    private DefaultScenario() {
    }

    static String text() {
        try (InputStream in = DefaultScenario.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the demo's classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FaultScenario parse() {
        return FaultScenario.parse(text(), ORIGIN);
    }

    /**
     * The default scenario's lines whose targets {@code fleet} has: a fleet smaller than the default
     * (say {@code TW_SIM_RACKS=1}) gets the faults it can play instead of a refusal.
     */
    static String playableIn(FleetLayout fleet) {
        String[] lines = text().split("\\R");
        List<String> kept = new ArrayList<>();
        for (Fault f : parse().faults()) {
            try {
                new FaultScenario(List.of(f)).checkTargets(fleet);
                kept.add(lines[f.line() - 1]);
            } catch (IllegalArgumentException targetMissing) {
                // left out: the fleet is smaller than the scenario's
            }
        }
        return kept.isEmpty() ? "" : String.join("\n", kept) + "\n";
    }

    /**
     * When {@code TW_SIM_SCENARIO} is not set, writes the default scenario's playable faults to a
     * file (removed when the JVM exits) and names it there.
     *
     * @return what the demo's banner says about faults, or null when {@code TW_SIM_SCENARIO} was set
     */
    static String applyUnlessSet(Map<String, String> env, FleetLayout fleet) throws IOException {
        if (env.containsKey("TW_SIM_SCENARIO")) {
            return null;
        }
        String playable = playableIn(fleet);
        int faults = FaultScenario.parse(playable, ORIGIN).faults().size();
        Path file = Files.createTempFile("thermalwatch-demo-scenario-", ".txt");
        file.toFile().deleteOnExit();
        Files.writeString(file, playable);
        env.put("TW_SIM_SCENARIO", file.toString());
        return faults == 0 ? "none: this fleet lacks the default scenario's racks"
                : LiveSummary.count(faults, "fault") + " in the first " + (int) LAST_FAULT_ENDS_S
                        + " s (pump failure, silent node, fouled cold plate, over budget); TW_SIM_SCENARIO=none for none";
    }
}
