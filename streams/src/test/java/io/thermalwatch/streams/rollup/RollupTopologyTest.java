package io.thermalwatch.streams.rollup;

import static io.thermalwatch.streams.rollup.RackWindowBuilder.window;
import static io.thermalwatch.streams.rollup.RollupHarness.M0;
import static io.thermalwatch.streams.rollup.RollupHarness.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.thermalwatch.model.FleetRollup;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RollupTopologyTest {

    /** Each rack (in row r01 of ams1/h1) sends its first window of minute {@code n} (from M0), which closes minute n-1 for it. */
    private static void moveOn(RollupHarness h, int n, String... racks) {
        for (String rack : racks) {
            h.send(window(rack, M0 + n * MINUTE, 1));
        }
    }

    @Test
    void eachRackCountsWithItsMeanOverTheWindowsItReportedAndRacksAreSummed() {
        try (RollupHarness h = new RollupHarness()) {
            for (int i = 0; i < 6; i++) {
                h.send(window("k1", M0 + i * 10_000L, 1000.0 * (i + 1))); // mean 3500
            }
            h.send(window("k2", M0, 2000)); // only two of six windows: mean 3000, not 1000 and not 6000
            h.send(window("k2", M0 + 30_000, 4000));
            for (int i = 0; i < 6; i++) {
                h.send(window("k3", M0 + i * 10_000L, 500).row("r02"));
            }
            moveOn(h, 1, "k1", "k2");
            h.send(window("k3", M0 + MINUTE, 1).row("r02"));

            Map<String, FleetRollup> out = h.emitted();
            assertThat(out).containsOnlyKeys("ams1/h1/r01@0", "ams1/h1/r02@0", "ams1/h1@0");
            FleetRollup r01 = out.get("ams1/h1/r01@0");
            assertThat(r01.level()).isEqualTo("row");
            assertThat(r01.row()).isEqualTo("r01");
            assertThat(r01.windowStartMs()).isEqualTo(M0);
            assertThat(r01.windowEndMs()).isEqualTo(M0 + MINUTE);
            assertThat(r01.totalPowerW()).isEqualTo(6500.0);
            assertThat(r01.racksReporting()).isEqualTo(2);
            assertThat(r01.rackWindows()).isEqualTo(8);
            assertThat(r01.nodesReporting()).isEqualTo(36);
            assertThat(r01.gpusReporting()).isEqualTo(144);
            assertThat(out.get("ams1/h1/r02@0").totalPowerW()).isEqualTo(500.0);
            FleetRollup hall = out.get("ams1/h1@0");
            assertThat(hall.level()).isEqualTo("hall");
            assertThat(hall.row()).isNull();
            assertThat(hall.totalPowerW()).isEqualTo(7000.0);
            assertThat(hall.racksReporting()).isEqualTo(3);
            assertThat(hall.rackWindows()).isEqualTo(14);
            assertThat(hall.gpusReporting()).isEqualTo(216);
        }
    }

    @Test
    void aMinuteStaysOpenWhileAnyRackIsBehindHoweverFarAheadTheOthersAre() {
        try (RollupHarness h = new RollupHarness()) {
            h.send(window("k2", M0 + 40_000, 3000));
            for (long start = M0; start < M0 + 5 * MINUTE; start += 10_000) { // k1's task races five minutes ahead
                h.send(window("k1", start, 1000));
            }
            assertThat(h.emitted()).isEmpty();
            h.send(window("k2", M0 + 50_000, 5000)); // k2's last window of minute 0 still counts
            assertThat(h.emitted()).isEmpty();

            moveOn(h, 1, "k2");
            Map<String, FleetRollup> out = h.emitted();
            assertThat(out).containsOnlyKeys("ams1/h1/r01@0", "ams1/h1@0");
            assertThat(out.get("ams1/h1/r01@0").totalPowerW()).isEqualTo(5000.0); // k1 1000 + k2 mean 4000
            assertThat(out.get("ams1/h1/r01@0").rackWindows()).isEqualTo(8);

            moveOn(h, 3, "k2"); // k2 skips minute 2: minutes 1 and 2 close, 3 waits for k2 to pass it
            assertThat(h.emitted()).containsOnlyKeys("ams1/h1/r01@1", "ams1/h1@1", "ams1/h1/r01@2", "ams1/h1@2");
        }
    }

    /** k1 sends its windows 1 .. n of minute 0, one every 5 s of wall clock: 5 n s of flow. */
    private static void k1Flows(RollupHarness h, int n) {
        for (int i = 1; i <= n; i++) {
            h.advance(Duration.ofSeconds(5));
            h.send(window("k1", M0 + i * 10_000L, 1000));
        }
    }

    @Test
    void aSilentRackHoldsAMinuteOnlyForTheSilenceCountedWhileOtherWindowsArrive() {
        try (RollupHarness h = new RollupHarness()) {
            h.send(window("k1", M0, 1000));
            h.send(window("k2", M0, 3000)); // then k2 falls silent
            for (int i = 1; i <= 6; i++) { // k1 moves past minute 0, a window every 4 s: 24 s of flow
                h.advance(Duration.ofSeconds(4));
                h.send(window("k1", M0 + i * 10_000L, 1000));
            }
            h.advance(Duration.ofMinutes(10)); // nothing arrives: the app may be stopped, not k2 silent
            h.send(window("k1", M0 + 70_000, 1000)); // the 10 min gap counts 5 s: 29 s of flow since k2's window
            h.advance(Duration.ofSeconds(1));
            assertThat(h.emitted()).isEmpty();

            h.advance(Duration.ofSeconds(1));
            h.send(window("k1", M0 + 80_000, 1000)); // 31 s
            h.advance(Duration.ofSeconds(1));
            Map<String, FleetRollup> out = h.emitted();
            assertThat(out).containsOnlyKeys("ams1/h1/r01@0", "ams1/h1@0");
            assertThat(out.get("ams1/h1/r01@0").totalPowerW()).isEqualTo(4000.0); // k2's window is in

            h.send(window("k2", M0 + 50_000, 99_000)); // k2 is back, too late for minute 0: left out, no second rollup
            h.send(window("k2", M0 + MINUTE + 20_000, 3000)); // and counts again from the open minute on
            moveOn(h, 2, "k1", "k2");
            out = h.emitted();
            assertThat(out).containsOnlyKeys("ams1/h1/r01@1", "ams1/h1@1");
            assertThat(out.get("ams1/h1/r01@1").totalPowerW()).isEqualTo(4000.0); // k1 1000 (three windows), k2 3000
            assertThat(out.get("ams1/h1/r01@1").racksReporting()).isEqualTo(2);
        }
    }

    @Test
    void aRackIsWaitedForAtLeastTheSilence() {
        try (RollupHarness h = new RollupHarness()) {
            h.advance(Duration.ofMinutes(5)); // time before the first window (a restore, a rebalance) is no silence
            h.send(window("k1", M0, 1000));
            h.send(window("k2", M0, 3000));
            k1Flows(h, 5);
            h.advance(Duration.ofSeconds(4));
            moveOn(h, 1, "k1"); // 29 s of flow
            h.advance(Duration.ofSeconds(5)); // punctuations, no window: still 29 s
            assertThat(h.emitted()).isEmpty();
            h.send(window("k1", M0 + MINUTE + 10_000, 1000)); // 34 s
            h.advance(Duration.ofSeconds(1));
            assertThat(h.emitted()).containsOnlyKeys("ams1/h1/r01@0", "ams1/h1@0");
        }
    }

    @Test
    void aRackWindowGivenTwiceCountsOnce() {
        try (RollupHarness h = new RollupHarness()) {
            h.send(window("k1", M0, 1000));
            h.send(window("k1", M0, 1000));
            h.send(window("k1", M0 + 10_000, 3000));
            h.send(window("k1", M0 + 10_000, 3000));
            moveOn(h, 1, "k1");
            FleetRollup first = h.emitted().get("ams1/h1/r01@0");
            assertThat(first.totalPowerW()).isEqualTo(2000.0);
            assertThat(first.rackWindows()).isEqualTo(2);
        }
    }

    @Test
    void racksWithoutInventoryCountInTheSumsButNotInExpectedCoverageOrBudget() {
        try (RollupHarness h = new RollupHarness()) {
            for (int i = 0; i < 3; i++) { // three of six windows: coverage 50 %
                h.send(window("k1", M0 + i * 10_000L, 70_000).inventory(18, 72, 140.0));
            }
            h.send(window("k2", M0, 30_000).reporting(9, 36)); // no inventory
            moveOn(h, 1, "k1", "k2");

            FleetRollup r = h.emitted().get("ams1/h1/r01@0");
            assertThat(r.racksReporting()).isEqualTo(2);
            assertThat(r.racksWithInventory()).isEqualTo(1);
            assertThat(r.expectedNodes()).isEqualTo(18);
            assertThat(r.expectedGpus()).isEqualTo(72);
            assertThat(r.nodesReporting()).isEqualTo(27);
            assertThat(r.gpusReporting()).isEqualTo(108);
            assertThat(r.coveragePct()).isEqualTo(50.0);
            assertThat(r.totalPowerW()).isEqualTo(100_000.0);
            assertThat(r.powerBudgetKw()).isEqualTo(140.0);
            assertThat(r.powerBudgetPct()).isEqualTo(50.0); // k1's 70 kW of 140 kW; k2 has no budget
        }
    }

    @Test
    void withoutAnyInventoryOrCoolantThoseFiguresAreAbsent() {
        try (RollupHarness h = new RollupHarness()) {
            h.send(window("k1", M0, 1000));
            moveOn(h, 1, "k1");
            FleetRollup r = h.emitted().get("ams1/h1@0");
            assertThat(r.racksWithInventory()).isZero();
            assertThat(r.expectedNodes()).isNull();
            assertThat(r.expectedGpus()).isNull();
            assertThat(r.coveragePct()).isNull();
            assertThat(r.powerBudgetKw()).isNull();
            assertThat(r.powerBudgetPct()).isNull();
            assertThat(r.heatRemovedKw()).isNull();
            assertThat(r.captureRatio()).isNull();
            assertThat(r.minSlowdownMarginC()).isNull();
            assertThat(r.minSlowdownMarginRack()).isNull();
            assertThat(r.powerCappedGpus()).isNull();
            assertThat(r.minSupplyTempC()).isNull();
            assertThat(r.maxHbmTempC()).isNull();
        }
    }

    @Test
    void heatCaptureThrottlingMarginAndCoolantFigures() {
        try (RollupHarness h = new RollupHarness()) {
            // k1: heat in two of its three windows: over those two, mean power 60 kW, heat 54 kW; over all three, power 70 kW
            h.send(window("k1", M0, 40_000).coolant(30.0, 42.0, 36.0).throttled(2, 5, null).margin(9.5, "k1-n2", 3)
                    .temps(70, 66.0));
            h.send(window("k1", M0 + 10_000, 80_000).coolant(29.5, 44.0, 72.0).throttled(4, 1, null).margin(7.0, "k1-n4", 1));
            h.send(window("k1", M0 + 20_000, 90_000).throttled(1, 0, 1).margin(7.0, "k1-n1", 2).temps(73.5, 61.0));
            // k0 ties k1's margin with a lower rack id, and has no coolant data
            h.send(window("k0", M0 + 40_000, 20_000).throttled(3, null, null).margin(7.0, "k0-n9", 0));
            moveOn(h, 1, "k0", "k1");

            FleetRollup r = h.emitted().get("ams1/h1/r01@0");
            assertThat(r.totalPowerW()).isEqualTo(90_000.0); // k1 mean 70 kW + k0 20 kW
            assertThat(r.heatRemovedKw()).isEqualTo(54.0); // k1 only: mean of 36 and 72
            assertThat(r.captureRatio()).isEqualTo(0.9); // 54 kW of k1's 60 kW over the same two windows
            assertThat(r.thermalThrottledGpus()).isEqualTo(7); // k1's most in a window (4) + k0's 3
            assertThat(r.powerCappedGpus()).isEqualTo(5);
            assertThat(r.powerBrakedGpus()).isEqualTo(1);
            assertThat(r.minSlowdownMarginC()).isEqualTo(7.0);
            assertThat(r.minSlowdownMarginRack()).isEqualTo("k0");
            assertThat(r.minSlowdownMarginNode()).isEqualTo("k0-n9");
            assertThat(r.minSlowdownMarginGpu()).isZero();
            assertThat(r.maxGpuTempC()).isEqualTo(73.5);
            assertThat(r.maxHbmTempC()).isEqualTo(66.0);
            assertThat(r.minSupplyTempC()).isEqualTo(29.5);
            assertThat(r.maxReturnTempC()).isEqualTo(44.0);
        }
    }

    @Test
    void marginTiesGoToTheLowestNodeThenIndexWithinARack() {
        try (RollupHarness h = new RollupHarness()) {
            h.send(window("k1", M0, 1).margin(5.0, "n2", 0));
            h.send(window("k1", M0 + 10_000, 1).margin(5.0, "n1", 7));
            h.send(window("k1", M0 + 20_000, 1).margin(5.0, "n1", 3));
            moveOn(h, 1, "k1");
            FleetRollup r = h.emitted().get("ams1/h1/r01@0");
            assertThat(r.minSlowdownMarginNode()).isEqualTo("n1");
            assertThat(r.minSlowdownMarginGpu()).isEqualTo(3);
        }
    }

    @Test
    void idsHoldingSlashesAndPercentSignsNameDistinctKeys() {
        try (RollupHarness h = new RollupHarness()) {
            // unescaped, the first rack's hall key and the second rack's row key would both be a/b/h1
            String[][] places = {{"k1", "a/b", "h1", "r%1"}, {"k2", "a", "b", "h1"}, {"k3", "a", "b/h1", "r"}};
            for (int n = 0; n < 2; n++) {
                for (int i = 0; i < places.length; i++) {
                    h.send(window(places[i][0], M0 + n * MINUTE, 1000 + 2000 * i).at(places[i][1], places[i][2], places[i][3]));
                }
            }
            Map<String, FleetRollup> out = h.emitted();
            assertThat(out).containsOnlyKeys("a%2Fb/h1@0", "a%2Fb/h1/r%251@0", "a/b@0", "a/b/h1@0", "a/b%2Fh1@0",
                    "a/b%2Fh1/r@0");
            assertThat(out.get("a%2Fb/h1@0").totalPowerW()).isEqualTo(1000.0);
            assertThat(out.get("a%2Fb/h1@0").site()).isEqualTo("a/b");
            assertThat(out.get("a%2Fb/h1/r%251@0").row()).isEqualTo("r%1");
            assertThat(out.get("a/b/h1@0").totalPowerW()).isEqualTo(3000.0);
            assertThat(out.get("a/b/h1@0").level()).isEqualTo("row");
            assertThat(out.get("a/b%2Fh1@0").totalPowerW()).isEqualTo(5000.0);
            assertThat(out.get("a/b%2Fh1@0").level()).isEqualTo("hall");
            out.forEach((k, r) -> assertThat(r.key()).isEqualTo(k.substring(0, k.indexOf('@'))));
        }
    }

    @Test
    void theArrivalOrderOfWindowsDoesNotChangeARollupsBits() {
        // summed in different orders these give different doubles: 0.1 + 0.2 + 0.3 is 0.6000000000000001,
        // 0.3 + 0.2 + 0.1 is 0.6; k3's three windows likewise
        String[] racks = {"k0", "k1", "k2", "k3", "k3", "k3"};
        double[] powers = {0.1, 0.2, 0.3, 0.1, 0.2, 0.3};
        long[] starts = {M0, M0, M0, M0, M0 + 10_000, M0 + 20_000};
        FleetRollup[] results = new FleetRollup[2];
        for (int run = 0; run < 2; run++) {
            try (RollupHarness h = new RollupHarness()) {
                for (int i = 0; i < racks.length; i++) {
                    int j = run == 0 ? i : racks.length - 1 - i;
                    if (run == 1 && racks[j].equals("k3")) {
                        j = 3 + (5 - j); // k3's windows still in their own order: one rack's windows come in order
                    }
                    h.send(window(racks[j], starts[j], powers[j]).coolant(30.0, 40.0, powers[j] / 1100));
                }
                moveOn(h, 1, "k0", "k1", "k2", "k3");
                results[run] = h.emitted().get("ams1/h1@0");
            }
        }
        assertThat(results[0].rackWindows()).isEqualTo(6);
        assertThat(results[1]).isEqualTo(results[0]);
    }

    @Test
    void everyNodeStoreAndTopicOfTheRollupIsNamed() {
        String description = RollupHarness.topology().describe().toString();
        assertThat(description).doesNotContain("KSTREAM-").doesNotContain("KTABLE-")
                .contains("rollup-entity-keys", "rollup-entities-repartition", "rollup-minutes", "stores: [rollup-store]",
                        "rollups-sink", "thermalwatch.rollups.v1");
        try (RollupHarness h = new RollupHarness()) {
            assertThat(h.storeNames()).containsExactly(RollupTopology.STORE);
        }
    }
}
