package io.thermalwatch.dispatcher.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermalwatch.dispatcher.it.AlertmanagerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's Alertmanager starts on its shipped config, serves its API and stops on close. */
class LocalAlertmanagerIT {

    @Test
    void startsOnTheDemoConfigAndStopsOnClose(@TempDir Path dir) throws Exception {
        assertThat(LocalAlertmanager.installed()).as("apt-get install prometheus-alertmanager").isTrue();
        LocalAlertmanager am = LocalAlertmanager.start(dir, AlertmanagerProcess.freePort(), Duration.ofSeconds(60));
        try {
            String status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(am.url() + "/api/v2/status")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(status).contains("pagerduty-oncall").contains("coolant-.*|cdu-health");
        } finally {
            am.close();
        }
        assertThat(am.ready()).as("answers after close").isFalse();
    }
}
