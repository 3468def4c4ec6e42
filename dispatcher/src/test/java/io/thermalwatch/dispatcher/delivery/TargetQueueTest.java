package io.thermalwatch.dispatcher.delivery;

import static io.thermalwatch.dispatcher.Alerts.T0_MS;
import static org.assertj.core.api.Assertions.assertThat;

import io.thermalwatch.dispatcher.Alerts;
import io.thermalwatch.model.ThermalAlert;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetQueueTest {

    private final TargetQueue queue = new TargetQueue();
    private final ThermalAlert firing = Alerts.gpu("gpu-hbm-margin", "warning", "r01-k01", T0_MS);
    private final ThermalAlert other = Alerts.gpu("gpu-hbm-margin", "warning", "r01-k02", T0_MS);

    @Test
    void aNewerStateReplacesAnUndeliveredOneAndGoesLast() {
        ThermalAlert resolved = Alerts.resolved(firing, T0_MS + 1);
        queue.offer(List.of(Outbound.tracked(firing, 0, 1), Outbound.tracked(other, 0, 2)));
        queue.offer(List.of(Outbound.tracked(resolved, 0, 3)));
        assertThat(queue.peek(10)).extracting(Outbound::alert).containsExactly(other, resolved);
    }

    @Test
    void anAcknowledgementKeepsAStateThatArrivedDuringTheSend() {
        queue.offer(List.of(Outbound.tracked(firing, 0, 1)));
        List<Outbound> taken = queue.peek(10);
        Outbound newer = Outbound.tracked(Alerts.resolved(firing, T0_MS + 1), 0, 5);
        queue.offer(List.of(newer));
        queue.acknowledge(taken);
        assertThat(queue.peek(10)).containsExactly(newer);
    }

    @Test
    void theLowestUnacknowledgedOffsetPerPartitionIgnoresUntrackedStates() {
        queue.offer(List.of(Outbound.tracked(firing, 0, 7), Outbound.tracked(other, 1, 3)));
        queue.offer(List.of(Outbound.untracked(Alerts.gpu("gpu-hbm-margin", "warning", "r01-k09", T0_MS))));
        assertThat(queue.lowestPendingOffsets()).isEqualTo(Map.of(0, 7L, 1, 3L));
        queue.acknowledge(queue.peek(1));
        assertThat(queue.lowestPendingOffsets()).isEqualTo(Map.of(1, 3L));
    }

    @Test
    void closingEndsAWait() throws Exception {
        queue.close();
        assertThat(queue.awaitWork(60_000)).isFalse();
        assertThat(queue.pause(60_000)).isFalse();
    }
}
