package io.thermalwatch.dispatcher.intake;

import static io.thermalwatch.dispatcher.Alerts.T0_MS;
import static org.assertj.core.api.Assertions.assertThat;

import io.thermalwatch.dispatcher.Alerts;
import io.thermalwatch.dispatcher.delivery.Outbound;
import io.thermalwatch.model.ThermalAlert;
import java.util.List;
import org.junit.jupiter.api.Test;

class FiringAlertsTest {

    private final FiringAlerts firing = new FiringAlerts();
    private final ThermalAlert warning = Alerts.gpu("gpu-slowdown-margin", "warning", "r01-k03", T0_MS);

    @Test
    void aFiringAlertIsDeliveredAndKeptForResend() {
        List<Outbound> out = firing.apply(warning, 3, 17, T0_MS);
        assertThat(out).containsExactly(Outbound.tracked(warning, 3, 17));
        assertThat(firing.snapshot()).containsExactly(warning);
    }

    @Test
    void aResolveIsDeliveredAndEndsTheResend() {
        firing.apply(warning, 3, 17, T0_MS);
        ThermalAlert resolved = Alerts.resolved(warning, T0_MS + 5_000);
        assertThat(firing.apply(resolved, 3, 18, T0_MS + 6_000)).containsExactly(Outbound.tracked(resolved, 3, 18));
        assertThat(firing.snapshot()).isEmpty();
    }

    @Test
    void anEscalationResolvesTheOldSeverityAtAlertmanager() {
        firing.apply(warning, 3, 17, T0_MS);
        ThermalAlert critical = Alerts.withSeverity(warning, "critical");
        List<Outbound> out = firing.apply(critical, 3, 18, T0_MS + 9_000);
        assertThat(out).hasSize(2);
        assertThat(out.get(0).alert().severity()).isEqualTo("warning");
        assertThat(out.get(0).alert().state()).isEqualTo(ThermalAlert.RESOLVED);
        assertThat(out.get(0).alert().endsAtMs()).isEqualTo(T0_MS + 9_000);
        assertThat(out.get(0).offset()).isEqualTo(18);
        assertThat(out.get(1)).isEqualTo(Outbound.tracked(critical, 3, 18));
        assertThat(out.get(0).key()).isNotEqualTo(out.get(1).key());
        assertThat(firing.snapshot()).containsExactly(critical);
    }

    @Test
    void aTombstoneForgetsTheAlert() {
        firing.apply(warning, 3, 17, T0_MS);
        firing.forget(warning.id());
        assertThat(firing.size()).isZero();
    }
}
