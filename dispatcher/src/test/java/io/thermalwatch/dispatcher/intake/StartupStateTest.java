package io.thermalwatch.dispatcher.intake;

import static io.thermalwatch.dispatcher.Alerts.T0_MS;
import static org.assertj.core.api.Assertions.assertThat;

import io.thermalwatch.dispatcher.Alerts;
import io.thermalwatch.dispatcher.delivery.Outbound;
import io.thermalwatch.model.ThermalAlert;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartupStateTest {

    private static final long NOW_MS = T0_MS + 3_600_000;
    /** Partition 0 committed up to offset 10. */
    private final StartupState state = new StartupState(Map.of(0, 10L), NOW_MS);
    private final FiringAlerts firing = new FiringAlerts();

    private void add(ThermalAlert a, long offset) {
        state.add(new AlertIntake.Decoded(a.id(), a, 0, offset));
    }

    @Test
    void everyFiringAlertIsSentAgainButOnlyUncommittedOnesHoldBackTheCommit() {
        ThermalAlert old = Alerts.gpu("gpu-hbm-margin", "warning", "r01-k01", T0_MS);
        ThermalAlert fresh = Alerts.gpu("gpu-hbm-margin", "warning", "r01-k02", T0_MS);
        add(old, 4);
        add(fresh, 12);
        assertThat(state.finish(firing)).containsExactly(Outbound.untracked(old), Outbound.tracked(fresh, 0, 12));
        assertThat(firing.snapshot()).containsExactlyInAnyOrder(old, fresh);
    }

    @Test
    void aResolveIsSentAgainOnlyWhenItMayNotHaveBeenDeliveredAndIsRecent() {
        ThermalAlert a = Alerts.gpu("gpu-hbm-margin", "warning", "r01-k01", T0_MS);
        ThermalAlert b = Alerts.gpu("gpu-hbm-margin", "warning", "r01-k02", T0_MS);
        ThermalAlert c = Alerts.gpu("gpu-hbm-margin", "warning", "r01-k03", T0_MS);
        ThermalAlert delivered = Alerts.resolved(a, NOW_MS - 1_000);
        ThermalAlert undelivered = Alerts.resolved(b, NOW_MS - 1_000);
        ThermalAlert expired = Alerts.resolved(c, NOW_MS - StartupState.RESOLVED_RETENTION.toMillis() - 1);
        add(a, 1);
        add(delivered, 9);
        add(b, 2);
        add(undelivered, 10);
        add(c, 3);
        add(expired, 11);
        List<Outbound> out = state.finish(firing);
        assertThat(out).containsExactly(Outbound.tracked(undelivered, 0, 10));
        assertThat(firing.snapshot()).isEmpty();
    }

    @Test
    void aTombstoneRemovesTheAlert() {
        ThermalAlert a = Alerts.gpu("gpu-hbm-margin", "warning", "r01-k01", T0_MS);
        add(a, 12);
        state.add(new AlertIntake.Decoded(a.id(), null, 0, 13));
        assertThat(state.finish(firing)).isEmpty();
    }
}
