package io.thermalwatch.api.alert;

import static io.thermalwatch.api.alert.Alerts.T0;
import static io.thermalwatch.api.alert.Alerts.firing;
import static io.thermalwatch.api.alert.Alerts.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.thermalwatch.model.ThermalAlert;
import org.junit.jupiter.api.Test;

class FiringAlertRepositoryTest {

    private final FiringAlertRepository repository = new FiringAlertRepository();

    @Test
    void aFiringAlertIsListed() {
        assertThat(repository.apply(firing("a", "r01-k01", "warning", T0))).isTrue();
        assertThat(repository.firing()).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo("a");
            assertThat(a.severity()).isEqualTo("warning");
        });
    }

    @Test
    void aSeverityChangeReplacesTheAlertAndKeepsOneEntry() {
        repository.apply(firing("a", "r01-k01", "warning", T0));
        repository.apply(firing("a", "r01-k01", "critical", T0));
        assertThat(repository.firing()).singleElement().extracting(ThermalAlert::severity).isEqualTo("critical");
        repository.apply(firing("a", "r01-k01", "warning", T0)); // and back down
        assertThat(repository.firing()).singleElement().extracting(ThermalAlert::severity).isEqualTo("warning");
        assertThat(repository.countBySeverity()).isEqualTo(new AlertCounts(0, 1));
    }

    @Test
    void aResolvedAlertIsRemoved() {
        repository.apply(firing("a", "r01-k01", "critical", T0));
        repository.apply(firing("b", "r01-k02", "warning", T0));
        assertThat(repository.apply(resolved("a", "r01-k01", "critical", T0, T0 + 60_000))).isTrue();
        assertThat(repository.firing()).extracting(ThermalAlert::id).containsExactly("b");
    }

    @Test
    void theResolutionOfAnUnknownAlertChangesNothing() {
        repository.apply(firing("b", "r01-k02", "warning", T0));
        assertThat(repository.apply(resolved("gone", "r01-k01", "critical", T0, T0 + 1))).isFalse();
        assertThat(repository.firing()).extracting(ThermalAlert::id).containsExactly("b");
    }

    @Test
    void anAlertThatFiresAgainAfterResolvingIsListedAgainWithItsNewStart() {
        repository.apply(firing("a", "r01-k01", "warning", T0));
        repository.apply(resolved("a", "r01-k01", "warning", T0, T0 + 60_000));
        repository.apply(firing("a", "r01-k01", "warning", T0 + 120_000));
        assertThat(repository.firing()).singleElement().extracting(ThermalAlert::startsAtMs).isEqualTo(T0 + 120_000);
    }

    @Test
    void changesOfOneIdFoldInTheirOrderWhateverOtherIdsDoInBetween() {
        // two partitions interleaved: only each id's own order is kept by Kafka, and only it matters
        repository.apply(firing("a", "r01-k01", "warning", T0));
        repository.apply(firing("b", "r01-k02", "critical", T0 + 5));
        repository.apply(firing("a", "r01-k01", "critical", T0));
        repository.apply(resolved("b", "r01-k02", "critical", T0 + 5, T0 + 50));
        repository.apply(firing("c", "r01-k03", "warning", T0 + 7));
        repository.apply(resolved("a", "r01-k01", "critical", T0, T0 + 90));
        assertThat(repository.firing()).extracting(ThermalAlert::id).containsExactly("c");
        assertThat(repository.countBySeverity()).isEqualTo(new AlertCounts(0, 1));
    }

    @Test
    void listsTheMostSevereFirstThenTheNewestStartFirst() {
        repository.apply(firing("w-old", "r01-k01", "warning", T0));
        repository.apply(firing("c-old", "r01-k01", "critical", T0 + 1_000));
        repository.apply(firing("w-new", "r01-k02", "warning", T0 + 9_000));
        repository.apply(firing("c-new", "r01-k02", "critical", T0 + 2_000));
        repository.apply(firing("w-tie-b", "r01-k03", "warning", T0 + 9_000));
        assertThat(repository.firing()).extracting(ThermalAlert::id)
                .containsExactly("c-new", "c-old", "w-new", "w-tie-b", "w-old");
    }

    @Test
    void filtersWithThePredicateAndKeepsTheOrder() {
        repository.apply(firing("a", "r01-k01", "warning", T0));
        repository.apply(firing("b", "r01-k02", "critical", T0));
        repository.apply(firing("c", "r01-k01", "critical", T0 + 1));
        assertThat(repository.firing(a -> a.rack().equals("r01-k01"))).extracting(ThermalAlert::id)
                .containsExactly("c", "a");
    }

    @Test
    void countsFiringAlertsBySeverity() {
        assertThat(repository.countBySeverity()).isEqualTo(new AlertCounts(0, 0));
        repository.apply(firing("a", "r01-k01", "warning", T0));
        repository.apply(firing("b", "r01-k02", "critical", T0));
        repository.apply(firing("c", "r01-k03", "critical", T0));
        repository.apply(firing("d", "r01-k04", "warning", T0));
        repository.apply(resolved("d", "r01-k04", "warning", T0, T0 + 1));
        AlertCounts counts = repository.countBySeverity();
        assertThat(counts).isEqualTo(new AlertCounts(2, 1));
        assertThat(counts.total()).isEqualTo(3);
    }

    @Test
    void aTombstoneRemovesTheAlert() {
        repository.apply(firing("a", "r01-k01", "warning", T0));
        repository.remove("a");
        repository.remove("never-seen");
        assertThat(repository.firing()).isEmpty();
    }

    @Test
    void aPageIsTheMostUrgentFirstAndCountsEveryMatchThroughChurn() {
        java.util.Random random = new java.util.Random(7);
        java.util.Map<String, ThermalAlert> expected = new java.util.HashMap<>();
        for (int i = 0; i < 5_000; i++) {
            String id = "a" + random.nextInt(800);
            String rack = "r01-k0" + random.nextInt(4);
            if (random.nextInt(4) == 0) {
                repository.apply(resolved(id, rack, "warning", T0, T0 + i));
                expected.remove(id);
            } else {
                ThermalAlert a = firing(id, rack, random.nextBoolean() ? "critical" : "warning", T0 + random.nextInt(50));
                repository.apply(a);
                expected.put(id, a);
            }
        }
        java.util.List<ThermalAlert> sorted = expected.values().stream()
                .sorted(FiringAlertRepository.MOST_URGENT_FIRST).toList();
        assertThat(repository.firing()).containsExactlyElementsOf(sorted);
        FiringAlertRepository.Page page = repository.firing(a -> a.rack().equals("r01-k02"), 25);
        java.util.List<ThermalAlert> inRack = sorted.stream().filter(a -> a.rack().equals("r01-k02")).toList();
        assertThat(page.total()).isEqualTo(inRack.size()).isGreaterThan(25);
        assertThat(page.alerts()).containsExactlyElementsOf(inRack.subList(0, 25));
        // the indexed listing (no predicate walk) agrees for every floor, rack and page size
        for (AlertSeverity floor : new AlertSeverity[] {null, AlertSeverity.WARNING, AlertSeverity.CRITICAL}) {
            for (String rack : new String[] {null, "r01-k00", "r01-k02", "r09-k09"}) {
                java.util.List<ThermalAlert> match = sorted.stream()
                        .filter(a -> rack == null || a.rack().equals(rack))
                        .filter(a -> floor != AlertSeverity.CRITICAL || a.severity().equals("critical")).toList();
                for (int limit : new int[] {1, 25, 10_000}) {
                    FiringAlertRepository.Page p = repository.firing(floor, rack, limit);
                    assertThat(p.total()).as("%s %s %d", floor, rack, limit).isEqualTo(match.size());
                    assertThat(p.alerts()).as("%s %s %d", floor, rack, limit)
                            .containsExactlyElementsOf(match.subList(0, Math.min(limit, match.size())));
                }
            }
        }
    }
}
