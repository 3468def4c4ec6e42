package io.thermalwatch.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecordJsonTest {

    private static final RackInventory K03 = new RackInventory(1, "ams1", "h1", "r01", "r01-k03", 18, 72, 140.0, "cdu-r01-k03",
            30.0, 180.0, 140.0);

    @Test
    void inventoryRoundTripsAndOmitsNulls() {
        assertThat(RackInventoryJson.read(RackInventoryJson.write(K03))).isEqualTo(K03);
        RackInventory bare = new RackInventory(1, "ams1", "h1", "r01", "r01-k04", 18, 72, null, null, null, null, null);
        assertThat(new String(RackInventoryJson.write(bare), UTF_8)).doesNotContain("null").doesNotContain("powerBudgetKw");
        assertThat(RackInventoryJson.read(RackInventoryJson.write(bare))).isEqualTo(bare);
    }

    @Test
    void alertRoundTrips() {
        ThermalAlert a = new ThermalAlert(1, "gpu-slowdown-margin|r01-k03|r01-k03-n07|2", "gpu-slowdown-margin", "critical",
                "resolved", "ams1", "h1", "r01", "r01-k03", "r01-k03-n07", 2, null, 2.5, 3.0, 1_790_000_000_000L,
                1_790_000_060_000L, "GPU 2 of r01-k03-n07 is 2.5 °C from its slowdown temperature", "why", "https://x/y#z");
        assertThat(ThermalAlertJson.read(ThermalAlertJson.write(a))).isEqualTo(a);
    }

    @Test
    void badInputIsRefusedWithTheRecordsOwnReason() {
        assertThatThrownBy(() -> RackInventoryJson.read(json("{\"schemaVersion\":1,\"site\":\"a\",\"hall\":\"h\",\"row\":\"r\","
                + "\"rack\":\"k\",\"expectedNodes\":0,\"expectedGpus\":72}")))
                .isInstanceOfSatisfying(InvalidTelemetryException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RejectReason.OUT_OF_RANGE);
                    assertThat(e.getMessage()).contains("expectedNodes must be in 1..1000, was 0");
                });
        assertThatThrownBy(() -> RackInventoryJson.read(json("{\"schemaVersion\":1,\"site\":\"a\",\"hall\":\"h\",\"row\":\"r\","
                + "\"rack\":\"k\",\"expectedGpus\":72}")))
                .isInstanceOfSatisfying(InvalidTelemetryException.class,
                        e -> assertThat(e.getMessage()).contains("expectedNodes"));
        assertThatThrownBy(() -> RackInventoryJson.read(json("{\"schemaVersion\":1,\"site\":\"a\",\"hall\":\"h\",\"row\":\"r\","
                + "\"rack\":\"k\",\"expectedNodes\":1.5,\"expectedGpus\":72}")))
                .isInstanceOfSatisfying(InvalidTelemetryException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.MALFORMED));
        assertThatThrownBy(() -> RackInventoryJson.read("[1]".getBytes(UTF_8))).isInstanceOf(InvalidTelemetryException.class);
        assertThatThrownBy(() -> RackInventoryJson.read("{} x".getBytes(UTF_8))).isInstanceOf(InvalidTelemetryException.class);
        assertThatThrownBy(() -> ThermalAlertJson.read(new byte[0])).hasMessage("empty record");
    }

    @Test
    void scalarsAreNotCoercedIntegralFloatsAreIntegersAndRepeatsAreRefusedNamingTheField() {
        String head = "{\"schemaVersion\":1,\"site\":\"a\",\"hall\":\"h\",\"row\":\"r\",\"rack\":\"k\",";
        assertThat(RackInventoryJson.read(json(head + "\"expectedNodes\":18.0,\"expectedGpus\":7.2e1}")).expectedGpus()).isEqualTo(72);
        for (String[] bad : new String[][] {
            {"\"expectedNodes\":\"18\",\"expectedGpus\":72}", "expectedNodes must be an integer, found a string"},
            {"\"expectedNodes\":true,\"expectedGpus\":72}", "expectedNodes must be an integer, found a boolean"},
            {"\"expectedNodes\":1.5,\"expectedGpus\":72}", "expectedNodes must be an integer, found 1.5"},
            {"\"expectedNodes\":null,\"expectedGpus\":72}", "expectedNodes is missing"},
            {"\"expectedNodes\":18,\"expectedGpus\":72,\"powerBudgetKw\":\"140\"}", "powerBudgetKw must be a number, found a string"},
            {"\"expectedNodes\":18,\"expectedGpus\":72,\"coolantLoop\":5}", "coolantLoop must be a string, found an integer"},
            {"\"expectedNodes\":18,\"expectedGpus\":72,\"expectedGpus\":72}", "expectedGpus is given more than once"},
            {"\"expectedNodes\":18,\"expectedGpus\":72,\"x\":NaN}", "Non-standard token 'NaN'"},
        }) {
            assertThatThrownBy(() -> RackInventoryJson.read(json(head + bad[0]))).as(bad[0])
                    .isInstanceOf(InvalidTelemetryException.class).hasMessageContaining(bad[1]);
        }
        // an unknown field given twice is ignored, as by the schemas and the streaming readers
        assertThat(RackInventoryJson.read(json(head + "\"expectedNodes\":18,\"expectedGpus\":72,\"x\":1,\"x\":2}")).rack())
                .isEqualTo("k");
    }

    private static byte[] json(String s) {
        return s.getBytes(UTF_8);
    }
}
