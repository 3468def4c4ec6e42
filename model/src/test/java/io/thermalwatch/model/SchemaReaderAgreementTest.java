package io.thermalwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The JSON Schemas and the Java readers judge the same hostile payloads alike: a payload is valid by
 * the schema (networknt, draft 2020-12, plus the rules its {@code $comment} names) exactly when the
 * reader accepts it. Documents the validator cannot parse (NaN literals, trailing garbage) are
 * invalid, so the reader must refuse them too.
 */
class SchemaReaderAgreementTest {

    /** Every field the node schema defines, GPU 0 with all of them, GPU 1 with the required ones. */
    static final String NODE = """
            {"schemaVersion":1,"eventMs":1790000000000,"site":"ams1","hall":"h1","row":"r01","rack":"r01-k03",
             "node":"r01-k03-n07","gpus":[{"index":0,"uuid":"GPU-a","model":"NVIDIA GB300","powerW":812.5,
             "modulePowerW":1100.25,"gpuTempC":54.0,"hbmTempC":61.5,"smClockMhz":1980,"clockEventReasons":32,
             "utilizationPct":99,"powerLimitW":1400,"slowdownTempC":89,"shutdownTempC":95,"gpuMaxTempC":87,
             "hbmMaxTempC":95,"energyMj":2207525},{"index":1,"uuid":"GPU-b","powerW":76.2,"gpuTempC":31.5}]}
            """;

    static final String COOLANT = """
            {"schemaVersion":1,"eventMs":1790000000000,"site":"ams1","hall":"h1","row":"r01","rack":"r01-k04",
             "loop":"1-secondary-1","source":"redfish","supplyTempC":30.0,"returnTempC":48.0,"deltaTempC":18.0,
             "flowLpm":79.6,"supplyPressureKpa":103.0,"returnPressureKpa":137.0,"diffPressureKpa":34.0,
             "heatRemovedKw":25.31,"rackPowerKw":31.2,"coolantLevelPct":80,"health":"Warning",
             "pumps":[{"id":"1","speedPct":38.5,"health":"OK"}],
             "leakDetectors":[{"id":"Moisture","leaking":false,"state":"OK"}]}
            """;

    static final String AGGREGATE = """
            {"schemaVersion":1,"site":"ams1","hall":"h1","row":"r01","rack":"r01-k03","windowStartMs":1790000000000,
             "windowEndMs":1790000010000,"nodesReporting":18,"gpusReporting":72,"samples":180,"totalPowerW":61234.5,
             "meanGpuTempC":48.27,"maxGpuTempC":61.2,"maxHbmTempC":57.8,"thermalThrottledGpus":2,
             "expectedNodes":18,"expectedGpus":72,"powerCappedGpus":3,"powerBrakedGpus":1,
             "minSlowdownMargin":{"marginC":7.5,"node":"r01-k03-n07","gpu":2},"powerBudgetKw":140.0,"powerBudgetPct":43.7,"supplyTempC":30.1,
             "returnTempC":42.3,"deltaTempC":12.2,"flowLpm":70.5,"heatRemovedKw":58.9,"captureRatio":0.962}
            """;

    static final String INVENTORY = """
            {"schemaVersion":1,"site":"ams1","hall":"h1","row":"r01","rack":"r01-k03","expectedNodes":18,"expectedGpus":72,
             "powerBudgetKw":140.0,"coolantLoop":"cdu-r01-k03","designSupplyTempC":30.0,"designFlowLpm":180.0,
             "designDiffPressureKpa":140.0}
            """;

    /** A row rollup: every field present (row and the minSlowdownMargin fields included). */
    static final String ROLLUP = """
            {"schemaVersion":1,"level":"row","site":"ams1","hall":"h1","row":"r01","windowStartMs":1790000040000,
             "windowEndMs":1790000100000,"racksReporting":8,"rackWindows":47,"racksWithInventory":7,"nodesReporting":144,
             "gpusReporting":576,"expectedNodes":126,"expectedGpus":504,"coveragePct":97.5,"totalPowerW":489876.0,
             "heatRemovedKw":441.2,"captureRatio":0.93,"powerBudgetKw":980.0,"powerBudgetPct":43.7,"maxGpuTempC":71.5,
             "maxHbmTempC":66.0,"minSlowdownMarginC":17.5,"minSlowdownMarginRack":"r01-k03","minSlowdownMarginNode":"r01-k03-n07",
             "minSlowdownMarginGpu":2,"thermalThrottledGpus":3,"powerCappedGpus":12,"powerBrakedGpus":1,"minSupplyTempC":29.5,
             "maxReturnTempC":44.1}
            """;

    /**
     * A hall rollup, row and the minSlowdownMargin fields null (absent): hostile values put there meet
     * "row only in a row rollup" and "the margin fields together" from the other side.
     */
    static final String HALL_ROLLUP = ROLLUP.replace("\"level\":\"row\"", "\"level\":\"hall\"")
            .replace("\"row\":\"r01\"", "\"row\":null").replace("17.5", "null").replace("\"r01-k03\"", "null")
            .replace("\"r01-k03-n07\"", "null").replace("\"minSlowdownMarginGpu\":2", "\"minSlowdownMarginGpu\":null");

    /** A resolved alert: the only state in which every field (endsAtMs too) may be present. */
    static final String ALERT = """
            {"schemaVersion":1,"id":"gpu-slowdown-margin|r01-k03|r01-k03-n07|2","rule":"gpu-slowdown-margin",
             "severity":"critical","state":"resolved","site":"ams1","hall":"h1","row":"r01","rack":"r01-k03",
             "node":"r01-k03-n07","gpu":2,"loop":"1-secondary-1","value":2.5,"threshold":3.0,"startsAtMs":1790000000000,
             "endsAtMs":1790000060000,"summary":"GPU 2 of r01-k03-n07 is 2.5 °C from its slowdown temperature",
             "description":"The GPU is close to the temperature at which its own firmware slows it down.",
             "runbookUrl":"https://runbooks.example/thermalwatch#gpu-slowdown-margin"}
            """;

    /**
     * A firing alert, its endsAtMs null (absent): hostile values put there meet "endsAtMs only when
     * resolved" from the other side.
     */
    static final String FIRING_ALERT = ALERT.replace("\"resolved\"", "\"firing\"").replace("\"endsAtMs\":1790000060000,",
            "\"endsAtMs\":null,");

    @Test
    void rackInventorySchemaAndReaderAgreeOnEveryHostilePayload() {
        judge(WireSchema.rackInventory(), INVENTORY, RackInventoryJson::read);
    }

    @Test
    void thermalAlertSchemaAndReaderAgreeOnEveryHostilePayload() {
        judge(WireSchema.thermalAlert(), ALERT, ThermalAlertJson::read);
    }

    @Test
    void firingThermalAlertSchemaAndReaderAgreeOnEveryHostilePayload() {
        assertThat(FIRING_ALERT).contains("\"firing\"").contains("\"endsAtMs\":null");
        judge(WireSchema.thermalAlert(), FIRING_ALERT, ThermalAlertJson::read, " (firing)");
    }

    @Test
    void fleetRollupSchemaAndReaderAgreeOnEveryHostilePayload() {
        judge(WireSchema.fleetRollup(), ROLLUP, FleetRollupJson::read);
    }

    @Test
    void hallRollupSchemaAndReaderAgreeOnEveryHostilePayload() {
        assertThat(HALL_ROLLUP).contains("\"hall\",").contains("\"row\":null").contains("\"minSlowdownMarginGpu\":null")
                .doesNotContain("r01-k03");
        judge(WireSchema.fleetRollup(), HALL_ROLLUP, FleetRollupJson::read, " (hall)");
    }

    @Test
    void nodeSampleSchemaAndReaderAgreeOnEveryHostilePayload() {
        judge(WireSchema.nodeSample(), NODE, NodeSampleJson::read);
    }

    @Test
    void coolantSampleSchemaAndReaderAgreeOnEveryHostilePayload() {
        judge(WireSchema.coolantSample(), COOLANT, CoolantSampleJson::read);
    }

    @Test
    void rackAggregateSchemaAndReaderAgreeOnEveryHostilePayload() {
        judge(WireSchema.rackAggregate(), AGGREGATE, RackAggregateJson::read);
    }

    private static void judge(WireSchema schema, String valid, Consumer<byte[]> reader) {
        judge(schema, valid, reader, "");
    }

    private static void judge(WireSchema schema, String valid, Consumer<byte[]> reader, String label) {
        assertThat(schema.invalidBecause(valid.getBytes(java.nio.charset.StandardCharsets.UTF_8))).isNull();
        assertThat(SchemaConformanceTest.fieldPaths(valid)).as("the base document holds every field of %s", schema.resource)
                .containsAll(schema.propertyPaths());
        List<String> disagreements = new ArrayList<>();
        int[] counts = new int[3]; // judged, valid, invalid only by a rule JSON Schema cannot state
        HostilePayloads.generate(valid, payload -> {
            counts[0]++;
            String invalid = schema.invalidBecause(payload.json());
            String rejected = readerRejects(reader, payload.json());
            if (invalid == null) {
                counts[1]++;
            } else if (!invalid.startsWith("schema:") && !invalid.startsWith("not parsable") && !invalid.startsWith("no JSON")) {
                counts[2]++;
            }
            if ((invalid == null) != (rejected == null) || rejected != null && rejected.startsWith("blew up")) {
                disagreements.add(payload.name() + ": schema says " + (invalid == null ? "valid" : "invalid (" + invalid + ")")
                        + ", reader " + (rejected == null ? "accepts" : "rejects (" + rejected + ")"));
            }
        });
        System.out.printf("%s%s: %d payloads judged, %d valid, %d invalid (%d of them only by rules the schema's $comment names)%n",
                schema.resource, label, counts[0], counts[1], counts[0] - counts[1], counts[2]);
        assertThat(disagreements).as("payloads on which %s and the reader disagree", schema.resource).isEmpty();
    }

    /** The reader's reason for refusing, null if it accepts; anything but InvalidTelemetryException blew up. */
    private static String readerRejects(Consumer<byte[]> reader, byte[] json) {
        try {
            reader.accept(json);
            return null;
        } catch (InvalidTelemetryException e) {
            String m = e.getMessage();
            return e.reason().code() + ": " + (m.length() > 160 ? m.substring(0, 160) + "..." : m);
        } catch (RuntimeException | StackOverflowError e) {
            return "blew up: " + e;
        }
    }
}
