package io.thermalwatch.streams.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermalwatch.model.CoolantSample;
import io.thermalwatch.model.LeakDetectorReading;
import io.thermalwatch.model.PumpReading;
import io.thermalwatch.model.RackInventory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoolantRulesTest {

    private static final long BASE_MS = 1_790_000_000_000L;
    /** The simulator's loop: 30 °C supply, 180 L/min, 140 kPa at design flow. */
    private static final RackInventory INVENTORY = new RackInventory(1, "s", "h", "r01", "r01-k01", 18, 72, 140.0,
            "cdu1", 30.0, 180.0, null);

    record Change(String rule, Transition transition, double value, String summary) {
    }

    private final CoolantRules rules = new CoolantRules(RuleBook.defaults());
    private final LoopTrack track = new LoopTrack();
    private final List<Change> changes = new ArrayList<>();
    private final AlertListener listener = (rule, subject, t, value, summary) -> {
        assertThat(subject).isEqualTo(AlertSubject.loop("s", "h", "r01", "r01-k01", "cdu1"));
        changes.add(new Change(rule.id(), t, value, summary));
    };

    @Test
    void aHealthyLoopRaisesNothingForAnHour() {
        for (int s = 0; s < 3_600; s++) {
            rules.evaluate(sample(s, 30.0 + (s % 7) * 0.1, 180 + (s % 5), 140 + (s % 3), "OK", false, 100.0), INVENTORY,
                    track, listener);
        }
        assertThat(changes).isEmpty();
    }

    @Test
    void aLeakIsCriticalOnItsFirstSampleAndHeldFiveMinutes() {
        rules.evaluate(sample(0, 30, 180, 140, "OK", false, 100.0), INVENTORY, track, listener);
        rules.evaluate(sample(1, 30, 180, 140, "OK", true, 99.8), INVENTORY, track, listener);
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.rule()).isEqualTo("coolant-leak");
            assertThat(c.transition().severity()).isEqualTo(Severity.CRITICAL);
            assertThat(c.summary()).isEqualTo("LEAK: 1 leak detector(s) of coolant loop cdu1 of rack r01-k01 report liquid");
        });
        rules.evaluate(sample(2, 30, 180, 140, "OK", false, 99.8), INVENTORY, track, listener);
        rules.evaluate(sample(301, 30, 180, 140, "OK", false, 99.8), INVENTORY, track, listener);
        assertThat(changes).hasSize(1);
        rules.evaluate(sample(302, 30, 180, 140, "OK", false, 99.8), INVENTORY, track, listener);
        assertThat(changes.get(1).transition().kind()).isEqualTo(Transition.Kind.RESOLVED);
    }

    @Test
    void aFailedPumpLowersFlowButNotTheLoopsResistance() {
        for (int s = 0; s < 60; s++) {
            rules.evaluate(sample(s, 30, 180, 140, "OK", false, 100.0), null, track, listener); // learns 140/180²
        }
        for (int s = 60; s < 80; s++) {
            CoolantSample failed = sampleWithPump(s, 63, 140 * 0.35 * 0.35, "Critical");
            rules.evaluate(failed, INVENTORY, track, listener);
        }
        assertThat(changes).extracting(Change::rule).containsExactly("coolant-pump-failed", "coolant-flow-low");
        assertThat(changes.get(1).transition().severity()).isEqualTo(Severity.CRITICAL);
        assertThat(changes.get(1).value()).isEqualTo(35.0);
    }

    @Test
    void aBlockageRaisesTheLoopsResistance() {
        for (int s = 0; s < 60; s++) {
            rules.evaluate(sample(s, 30, 180, 140, "OK", false, 100.0), null, track, listener);
        }
        for (int s = 60; s < 80; s++) {
            rules.evaluate(sample(s, 30, 150, 230, "OK", false, 100.0), null, track, listener);
        }
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.rule()).isEqualTo("coolant-dp-abnormal");
            assertThat(c.transition().severity()).isEqualTo(Severity.CRITICAL);
            assertThat(c.value()).isCloseTo(136.6, org.assertj.core.data.Offset.offset(0.5));
        });
    }

    @Test
    void noFlowReferenceNoFlowRule() {
        for (int s = 0; s < 60; s++) {
            rules.evaluate(sample(s, 30, 20, 140 * 20 * 20 / 180.0 / 180.0, "OK", false, 100.0), null, track, listener);
        }
        assertThat(changes).isEmpty();
    }

    @Test
    void supplyTemperatureAboveDesignReservoirAndHealth() {
        for (int s = 0; s <= 20; s++) {
            rules.evaluate(sample(s, 33.5, 180, 140, s >= 5 ? "Critical" : "OK", false, 25.0), INVENTORY, track, listener);
        }
        assertThat(changes).extracting(Change::rule)
                .containsExactlyInAnyOrder("coolant-supply-temp", "coolant-reservoir-low", "cdu-health");
        assertThat(changes).filteredOn(c -> c.rule().equals("coolant-supply-temp")).singleElement()
                .satisfies(c -> assertThat(c.summary()).isEqualTo(
                        "coolant loop cdu1 of rack r01-k01 supplies 33.5 °C, 3.5 °C above its design 30.0 °C"));
        assertThat(changes).filteredOn(c -> c.rule().equals("cdu-health")).singleElement()
                .satisfies(c -> assertThat(c.transition().severity()).isEqualTo(Severity.CRITICAL));
    }

    private static CoolantSample sample(int s, double supplyC, double flowLpm, double dpKpa, String health, boolean leak,
                                        double levelPct) {
        return new CoolantSample(1, BASE_MS + s * 1_000L, "s", "h", "r01", "r01-k01", "cdu1", "simulator", supplyC,
                supplyC + 10, null, flowLpm, 300.0, 300.0 - dpKpa, dpKpa, null, null, levelPct, health,
                List.of(new PumpReading("p1", 80.0, "OK"), new PumpReading("p2", 80.0, "OK")),
                List.of(new LeakDetectorReading("d1", leak, leak ? "Critical" : "OK")));
    }

    private static CoolantSample sampleWithPump(int s, double flowLpm, double dpKpa, String pump2Health) {
        return new CoolantSample(1, BASE_MS + s * 1_000L, "s", "h", "r01", "r01-k01", "cdu1", "simulator", 30.0, 45.0,
                null, flowLpm, 300.0, 300.0 - dpKpa, dpKpa, null, null, 100.0, "OK",
                List.of(new PumpReading("p1", 100.0, "OK"), new PumpReading("p2", 0.0, pump2Health)),
                List.of(new LeakDetectorReading("d1", false, "OK")));
    }
}
