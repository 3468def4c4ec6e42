package io.thermalwatch.dispatcher.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped alertmanager.example.yml, unmodified, is accepted by the real Alertmanager and by amtool. */
class AlertmanagerExampleConfigIT {

    @Test
    void aRealAlertmanagerStartsOnTheShippedExample(@TempDir Path tmp) throws Exception {
        try (AlertmanagerProcess am = new AlertmanagerProcess(tmp, Files.readString(TestAlertmanagerConfig.EXAMPLE))) {
            assertThat(am.ready()).isTrue();
            String status = am.get("/api/v2/status").body();
            assertThat(status).contains("planned-maintenance").contains("pagerduty-oncall").contains("slack-gpu-thermal");
        }
    }

    @Test
    void amtoolChecksTheShippedExample() throws Exception {
        Path amtool = Path.of("/usr/bin/amtool");
        assertThat(amtool).as("amtool (apt-get install prometheus-alertmanager)").isExecutable();
        Process p = new ProcessBuilder(amtool.toString(), "check-config", TestAlertmanagerConfig.EXAMPLE.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("SUCCESS").contains("1 inhibit rules").contains("2 receivers");
    }
}
