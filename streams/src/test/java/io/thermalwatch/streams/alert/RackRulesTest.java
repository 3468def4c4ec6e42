package io.thermalwatch.streams.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermalwatch.model.RackInventory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RackRulesTest {

    private static final long BASE_MS = 1_790_000_000_000L;
    private static final RackInventory INVENTORY = new RackInventory(1, "s", "h", "r01", "r01-k01", 18, 72, 140.0,
            "cdu1", 30.0, 180.0, null);
    private static final AlertSubject RACK = AlertSubject.rack("s", "h", "r01", "r01-k01");

    record Change(String rule, AlertSubject subject, Transition transition, double value, String summary) {
    }

    private final RuleBook book = RuleBook.defaults();
    private final List<Change> changes = new ArrayList<>();
    private final AlertListener listener = (rule, subject, t, value, summary) ->
            changes.add(new Change(rule.id(), subject, t, value, summary));

    @Test
    void overBudgetFiresWarningThenCriticalAfterTheirFors() {
        RackRules rules = new RackRules(book);
        RackTrack track = new RackTrack();
        for (int w = 0; w <= 2; w++) { // 134 kW of 140: 95.7 %, warning after 20 s
            rules.evaluate(RACK, facts(w, 134, 127, 72), INVENTORY, track, listener);
        }
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.rule()).isEqualTo("rack-power-budget");
            assertThat(c.transition().severity()).isEqualTo(Severity.WARNING);
            assertThat(c.summary()).isEqualTo("rack r01-k01 draws 134.0 kW, 96 % of its 140 kW budget");
        });
        for (int w = 3; w <= 4; w++) {
            rules.evaluate(RACK, facts(w, 150, 142, 72), INVENTORY, track, listener);
        }
        assertThat(changes.get(1).transition().severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void heatBalanceMismatchAndCoverage() {
        RackRules rules = new RackRules(book);
        RackTrack track = new RackTrack();
        for (int w = 0; w <= 6; w++) { // coolant removes 70 of 120 kW: 58 % against 95 %; 54 of 72 GPUs
            rules.evaluate(RACK, facts(w, 120, 70, 54), INVENTORY, track, listener);
        }
        assertThat(changes).extracting(Change::rule).containsExactlyInAnyOrder("rack-heat-balance", "rack-coverage-low");
        assertThat(changes).filteredOn(c -> c.rule().equals("rack-coverage-low")).singleElement()
                .satisfies(c -> assertThat(c.transition().severity()).isEqualTo(Severity.CRITICAL));
    }

    @Test
    void withoutInventoryOnlyTheHeatBalanceIsJudged() {
        RackRules rules = new RackRules(book);
        RackTrack track = new RackTrack();
        for (int w = 0; w <= 10; w++) {
            rules.evaluate(RACK, facts(w, 500, 475, 3), null, track, listener);
        }
        assertThat(changes).isEmpty();
    }

    @Test
    void aGpuHotterThanItsPeersAtSimilarPowerIsAnOutlier() {
        PeerOutlier rule = new PeerOutlier(book);
        List<PeerOutlier.Peer> gpus = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            GpuTrack t = new GpuTrack();
            t.lastPowerW = i < 8 ? 1000 + i * 10 : 300; // 8 busy GPUs, 4 idle ones (not peers of the busy)
            t.lastTempC = i < 8 ? 60 + i % 3 : 35;
            gpus.add(new PeerOutlier.Peer(AlertSubject.gpu("s", "h", "r01", "r01-k01", "n" + i / 4, i % 4), t));
        }
        gpus.get(5).track().lastTempC = 70.5; // the fouled one: 9.5 °C above the busy peers' median
        for (int w = 0; w <= 7; w++) {
            rule.evaluate(gpus, BASE_MS + w * 10_000L, listener);
        }
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.subject()).isEqualTo(gpus.get(5).subject());
            assertThat(c.value()).isEqualTo(9.5);
            assertThat(c.summary()).startsWith("GPU 1 of n1 runs 9.5 °C hotter");
        });
    }

    @Test
    void aGpuWhoseSensorIsStuckIsNeitherJudgedNorAPeer() {
        PeerOutlier rule = new PeerOutlier(book);
        Lifecycle stuck = book.rule("gpu-sensor-stuck").lifecycle();
        List<PeerOutlier.Peer> gpus = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            GpuTrack t = new GpuTrack();
            t.lastPowerW = 80;
            t.lastTempC = i == 0 ? 61 : 35; // GPU 0's sensor froze at a loaded reading; it idles now
            gpus.add(new PeerOutlier.Peer(AlertSubject.gpu("s", "h", "r01", "r01-k01", "n" + i / 4, i % 4), t));
        }
        GpuTrack frozen = gpus.get(0).track();
        frozen.state(GpuTrack.Rule.SENSOR_STUCK).evaluate(Severity.WARNING, BASE_MS, stuck);
        assertThat(frozen.state(GpuTrack.Rule.SENSOR_STUCK).evaluate(Severity.WARNING, BASE_MS + 10_000, stuck))
                .isNotNull();
        for (int w = 0; w <= 8; w++) {
            rule.evaluate(gpus, BASE_MS + w * 10_000L, listener);
        }
        assertThat(changes).as("the stuck GPU is not an outlier").isEmpty();
        // nor a peer: with GPU 1 out of the band, GPU 7 (43 °C, 8 °C above the rest) has 5 healthy
        // peers; counting the stuck GPU 0 would make the 6 that judging needs
        gpus.get(7).track().lastTempC = 43;
        gpus.get(1).track().lastPowerW = 500;
        for (int w = 9; w <= 18; w++) {
            rule.evaluate(gpus, BASE_MS + w * 10_000L, listener);
        }
        assertThat(changes).as("GPU 7 has 5 healthy peers: too few to judge").isEmpty();
    }

    @Test
    void tooFewPeersAtSimilarPowerMeansNoJudgement() {
        PeerOutlier rule = new PeerOutlier(book);
        List<PeerOutlier.Peer> gpus = new ArrayList<>();
        for (int i = 0; i < 6; i++) { // each GPU has 5 peers, minPeers is 6
            GpuTrack t = new GpuTrack();
            t.lastPowerW = 1000;
            t.lastTempC = i == 0 ? 90 : 60;
            gpus.add(new PeerOutlier.Peer(AlertSubject.gpu("s", "h", "r01", "r01-k01", "n0", i), t));
        }
        for (int w = 0; w <= 7; w++) {
            rule.evaluate(gpus, BASE_MS + w * 10_000L, listener);
        }
        assertThat(changes).isEmpty();
    }

    @Test
    void aSilentNodeGoesStaleOnTheWallClockAndRecovers() {
        Staleness rule = new Staleness(book);
        AlertState state = new AlertState();
        AlertSubject node = AlertSubject.node("s", "h", "r01", "r01-k01", "r01-k01-n03");
        rule.evaluate(node, BASE_MS, BASE_MS + 14_999, state, listener);
        assertThat(changes).isEmpty();
        rule.evaluate(node, BASE_MS, BASE_MS + 15_000, state, listener);
        rule.evaluate(node, BASE_MS, BASE_MS + 60_000, state, listener);
        assertThat(changes).extracting(c -> c.transition().severity()).containsExactly(Severity.WARNING, Severity.CRITICAL);
        assertThat(changes.get(0).summary()).isEqualTo("node r01-k01-n03 has not reported for 15 s");
        rule.evaluate(node, BASE_MS + 61_000, BASE_MS + 61_100, state, listener);
        assertThat(changes.get(2).transition().kind()).isEqualTo(Transition.Kind.RESOLVED);
        assertThat(changes.get(2).summary()).isEqualTo("node r01-k01-n03 reports again");
    }

    private static RackRules.WindowFacts facts(int window, double powerKw, double heatKw, int gpus) {
        return new RackRules.WindowFacts(BASE_MS + window * 10_000L, powerKw, heatKw, gpus);
    }
}
