package io.thermalwatch.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommitPlanTest {

    @Test
    void eachPartitionCommitsUpToTheFirstOffsetSomeAlertmanagerLacks() {
        Map<Integer, Long> positions = Map.of(0, 100L, 1, 50L, 2, 9L);
        Map<Integer, Long> upAlertmanager = Map.of();
        Map<Integer, Long> downAlertmanager = Map.of(0, 40L, 1, 45L);
        Map<Integer, Long> slowAlertmanager = Map.of(0, 60L, 1, 30L);
        assertThat(CommitPlan.committable(positions, List.of(upAlertmanager, downAlertmanager, slowAlertmanager)))
                .isEqualTo(Map.of(0, 40L, 1, 30L, 2, 9L));
    }

    @Test
    void withEverythingDeliveredItCommitsThePositions() {
        assertThat(CommitPlan.committable(Map.of(0, 100L), List.of(Map.of(), Map.of()))).isEqualTo(Map.of(0, 100L));
    }
}
