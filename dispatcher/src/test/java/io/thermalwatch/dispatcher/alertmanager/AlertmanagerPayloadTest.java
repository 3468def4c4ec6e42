package io.thermalwatch.dispatcher.alertmanager;

import static io.thermalwatch.dispatcher.Alerts.T0_MS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thermalwatch.dispatcher.Alerts;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertmanagerPayloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final AlertmanagerPayload payload = new AlertmanagerPayload(URI.create("http://api.example:8080"), Duration.ofMinutes(4));

    private JsonNode encodeOne(io.thermalwatch.model.ThermalAlert a, long nowMs) throws Exception {
        JsonNode array = JSON.readTree(payload.encode(List.of(a), nowMs));
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(1);
        return array.get(0);
    }

    @Test
    void aGpuAlertCarriesItsTopologyAsLabelsAndItsNumbersAsAnnotations() throws Exception {
        JsonNode a = encodeOne(Alerts.gpu("gpu-slowdown-margin", "critical", "r01-k03", T0_MS), T0_MS + 1_000);
        assertThat(JSON.writeValueAsString(a.get("labels"))).isEqualTo("{\"alertname\":\"GpuSlowdownMargin\",\"severity\":\"critical\","
                + "\"site\":\"site1\",\"hall\":\"h1\",\"row\":\"r01\",\"rack\":\"r01-k03\",\"node\":\"r01-k03-n07\",\"gpu\":\"2\","
                + "\"rule\":\"gpu-slowdown-margin\"}");
        assertThat(JSON.writeValueAsString(a.get("annotations"))).isEqualTo("{\"summary\":\"GPU 2 of r01-k03-n07 is 4.5 °C from slowdown\","
                + "\"description\":\"The die nears its own slowdown temperature.\","
                + "\"runbook_url\":\"https://runbooks.example/thermalwatch#gpu-slowdown-margin\",\"value\":\"4.5\",\"threshold\":\"8\"}");
        assertThat(a.get("startsAt").asText()).isEqualTo("2026-11-28T03:00:00Z");
        assertThat(a.get("generatorURL").asText()).isEqualTo("http://api.example:8080/api/v1/alerts?rack=r01-k03");
    }

    @Test
    void aFiringAlertIsValidForFourResendIntervalsFromEachSend() throws Exception {
        JsonNode a = encodeOne(Alerts.gpu("gpu-hbm-margin", "warning", "r01-k03", T0_MS), T0_MS + 60_000);
        assertThat(a.get("endsAt").asText()).isEqualTo("2026-11-28T03:05:00Z");
    }

    @Test
    void aResolvedAlertEndsAtItsResolveTime() throws Exception {
        JsonNode a = encodeOne(Alerts.resolved(Alerts.gpu("gpu-hbm-margin", "warning", "r01-k03", T0_MS), T0_MS + 90_500), T0_MS + 200_000);
        assertThat(a.get("endsAt").asText()).isEqualTo("2026-11-28T03:01:30.500Z");
    }

    @Test
    void aResolveStampedAheadOfOurClockIsSentAsResolvedNow() throws Exception {
        JsonNode a = encodeOne(Alerts.resolved(Alerts.gpu("gpu-hbm-margin", "warning", "r01-k03", T0_MS), T0_MS + 90_000), T0_MS + 30_000);
        assertThat(a.get("startsAt").asText()).isEqualTo("2026-11-28T03:00:00Z");
        assertThat(a.get("endsAt").asText()).isEqualTo("2026-11-28T03:00:30Z");
        JsonNode early = encodeOne(Alerts.gpu("gpu-hbm-margin", "warning", "r01-k03", T0_MS + 5_000), T0_MS);
        assertThat(early.get("startsAt").asText()).isEqualTo("2026-11-28T03:00:00Z");
    }

    @Test
    void absentSubjectPartsAreNoLabelsAndTheLoopTellsTwoLoopsApart() throws Exception {
        JsonNode a = encodeOne(Alerts.loop("coolant-leak", "critical", "r02-k01", T0_MS), T0_MS);
        assertThat(a.get("labels").has("node")).isFalse();
        assertThat(a.get("labels").has("gpu")).isFalse();
        assertThat(a.get("labels").get("loop").asText()).isEqualTo("loop-a");
        assertThat(a.get("annotations").has("description")).isFalse();
        assertThat(a.get("annotations").has("runbook_url")).isFalse();
    }

    @Test
    void theGeneratorUrlEncodesTheRackId() throws Exception {
        var rack = "r01 k&03";
        JsonNode a = encodeOne(Alerts.loop("coolant-leak", "critical", rack, T0_MS), T0_MS);
        assertThat(a.get("generatorURL").asText()).isEqualTo("http://api.example:8080/api/v1/alerts?rack=r01+k%2603");
    }

    @Test
    void alertNamesArePrometheusStyle() {
        assertThat(AlertmanagerPayload.alertName("gpu-slowdown-margin")).isEqualTo("GpuSlowdownMargin");
        assertThat(AlertmanagerPayload.alertName("cdu-health")).isEqualTo("CduHealth");
    }
}
