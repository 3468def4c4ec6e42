package io.thermalwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.thermalwatch.collector.CollectorConfig;
import io.thermalwatch.collector.sim.Fault;
import io.thermalwatch.collector.sim.FaultScenario;
import io.thermalwatch.collector.sim.FleetLayout;
import io.thermalwatch.model.EnvSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultScenarioTest {

    private static FleetLayout fleet(Map<String, String> env) {
        return CollectorConfig.fromEnv(new EnvSettings(env)).fleet();
    }

    /** Faults compared by what they do, not by the line they came from. */
    private static java.util.List<Fault> withoutLines(FaultScenario scenario) {
        return scenario.faults().stream().map(f -> new Fault(f.kind(), f.target(), f.atS(), f.forS(), f.factor())).toList();
    }

    @Test
    void itsTargetsExistInTheDefaultFleetAndInATwoRackFleet() {
        FaultScenario scenario = DefaultScenario.parse();
        assertThat(scenario.faults()).hasSizeGreaterThanOrEqualTo(4);
        assertThatCode(() -> scenario.checkTargets(fleet(Map.of()))).doesNotThrowAnyException();
        assertThatCode(() -> scenario.checkTargets(fleet(Map.of("TW_SIM_RACKS", "2")))).doesNotThrowAnyException();
    }

    @Test
    void everyFaultEndsWithinTheFirstTwoMinutes() {
        for (Fault f : DefaultScenario.parse().faults()) {
            assertThat(f.atS() + f.forS()).as("end of %s on %s (line %d)", f.kind().word(), f.target(), f.line())
                    .isLessThanOrEqualTo(DefaultScenario.LAST_FAULT_ENDS_S);
        }
        assertThat(DefaultScenario.parse().faults()).extracting(Fault::kind)
                .as("a leak is held firing 5 minutes after it ends: too long for the demo's first minutes")
                .doesNotContain(Fault.Kind.LEAK);
        // a GPU that shuts down never reports again, so its rack's coverage alert would never resolve:
        // a plate fouled x10 does that within seconds, x3 holds the GPU at its limit
        assertThat(DefaultScenario.parse().faults()).filteredOn(f -> f.kind() == Fault.Kind.FOULED_COLD_PLATE)
                .allSatisfy(f -> assertThat(f.factor()).isLessThanOrEqualTo(4));
    }

    @Test
    void aSmallerFleetPlaysOnlyTheFaultsWhoseTargetsItHas() {
        FleetLayout oneRack = fleet(Map.of("TW_SIM_RACKS", "1"));
        FaultScenario playable = FaultScenario.parse(DefaultScenario.playableIn(oneRack), "playable");
        assertThat(playable.faults()).isNotEmpty().allSatisfy(f -> assertThat(f.target()).startsWith("r01-k01"));
        assertThat(playable.faults()).hasSizeLessThan(DefaultScenario.parse().faults().size());
        assertThatCode(() -> playable.checkTargets(oneRack)).doesNotThrowAnyException();
        assertThat(withoutLines(FaultScenario.parse(DefaultScenario.playableIn(fleet(Map.of())), "playable")))
                .as("the default fleet plays every fault").isEqualTo(withoutLines(DefaultScenario.parse()));
    }

    @Test
    void appliesOnlyWhenTheScenarioIsNotSet() throws Exception {
        Map<String, String> env = new HashMap<>();
        String banner = DefaultScenario.applyUnlessSet(env, fleet(Map.of()));
        Path file = Path.of(env.get("TW_SIM_SCENARIO"));
        assertThat(banner).startsWith("4 faults in the first 120 s").endsWith("TW_SIM_SCENARIO=none for none");
        assertThat(withoutLines(FaultScenario.read(file))).isEqualTo(withoutLines(DefaultScenario.parse()));
        Files.delete(file);

        Map<String, String> none = new HashMap<>(Map.of("TW_SIM_SCENARIO", "none"));
        assertThat(DefaultScenario.applyUnlessSet(none, fleet(Map.of()))).isNull();
        assertThat(none).containsExactly(Map.entry("TW_SIM_SCENARIO", "none"));
        assertThat(CollectorConfig.fromEnv(new EnvSettings(none)).scenario()).as("none: no faults").isNull();
    }
}
