package io.thermalwatch.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The three descriptions of the wire format agree: the JSON Schemas shipped in the jar, the
 * examples in docs/schema.md, and the Java readers and writers.
 */
class SchemaConformanceTest {

    private static final Path DOC = Path.of("..", "docs", "schema.md");

    private static WireSchema schema(String resource) {
        return switch (resource) {
            case "node-sample.v1.schema.json" -> WireSchema.nodeSample();
            case "coolant-sample.v1.schema.json" -> WireSchema.coolantSample();
            case "rack-inventory.v1.schema.json" -> WireSchema.rackInventory();
            case "thermal-alert.v1.schema.json" -> WireSchema.thermalAlert();
            case "fleet-rollup.v1.schema.json" -> WireSchema.fleetRollup();
            default -> WireSchema.rackAggregate();
        };
    }

    /** Why the schema finds {@code json} invalid, or null when valid. */
    private static String validate(String resource, byte[] json) {
        return schema(resource).invalidBecause(json);
    }

    /** The ```json blocks of docs/schema.md, by the name in the comment just above each. */
    private static Map<String, String> docExamples() throws IOException {
        Matcher m = Pattern.compile("<!-- example: ([a-z -]+) -->\\s*```json\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(DOC));
        Map<String, String> examples = new LinkedHashMap<>();
        while (m.find()) {
            examples.put(m.group(1).trim(), m.group(2));
        }
        return examples;
    }

    @Test
    void writerOutputConformsToTheSchemas() throws IOException {
        NodeSample full = Samples.node("k1", "n1", Samples.T0, Samples.gpu(0, 700, 60), Samples.gpu(1, 75, 31));
        NodeSample bare = new NodeSample(1, Samples.T0, "s", "h", "r", "k", "n",
                List.of(new GpuReading(0, "GPU-x", null, 1, 20, null, null, 0L, null, null, null, null, null, null)));
        assertThat(validate("node-sample.v1.schema.json", NodeSampleJson.write(full))).isNull();
        assertThat(validate("node-sample.v1.schema.json", NodeSampleJson.write(bare))).isNull();
        RackAggregate agg = new RackAggregate(1, "s", "h", "r", "k", 0, 10_000, 1, 4, 10, 2_800.5, 50, 61, null, 1);
        assertThat(validate("rack-aggregate.v1.schema.json", RackAggregateJson.write(agg))).isNull();
        assertThat(validate("coolant-sample.v1.schema.json", CoolantSampleJson.write(CoolantSampleJsonTest.full()))).isNull();
        RackInventory inventory = new RackInventory(1, "s", "h", "r", "k", 18, 72, 140.0, "cdu", 30.0, 180.0, 140.0);
        RackInventory bareInventory = new RackInventory(1, "s", "h", "r", "k", 1, 1, null, null, null, null, null);
        assertThat(validate("rack-inventory.v1.schema.json", RackInventoryJson.write(inventory))).isNull();
        assertThat(validate("rack-inventory.v1.schema.json", RackInventoryJson.write(bareInventory))).isNull();
        ThermalAlert resolved = ThermalAlertJson.read(SchemaReaderAgreementTest.ALERT.getBytes(UTF_8));
        ThermalAlert firing = new ThermalAlert(1, "leak|k|1", "leak", "critical", "firing", "s", "h", "r", "k", null, null, "1",
                null, null, Samples.T0, null, "leak detected on loop 1 of k", null, null);
        assertThat(validate("thermal-alert.v1.schema.json", ThermalAlertJson.write(resolved))).isNull();
        assertThat(validate("thermal-alert.v1.schema.json", ThermalAlertJson.write(firing))).isNull();
        assertThat(fieldPaths(new String(ThermalAlertJson.write(resolved), UTF_8)))
                .as("the writer writes exactly the schema's fields").isEqualTo(WireSchema.thermalAlert().propertyPaths());
        assertThat(fieldPaths(new String(RackInventoryJson.write(inventory), UTF_8)))
                .isEqualTo(WireSchema.rackInventory().propertyPaths());
        FleetRollup row = FleetRollupJson.read(SchemaReaderAgreementTest.ROLLUP.getBytes(UTF_8));
        FleetRollup hall = new FleetRollup(1, "hall", "s", "h", null, 0, 60_000, 1, 1, 0, 0, 0, null, null, null, 0.0, null,
                null, null, null, 20.0, null, null, null, null, null, 0, null, null, null, null);
        assertThat(validate("fleet-rollup.v1.schema.json", FleetRollupJson.write(row))).isNull();
        assertThat(validate("fleet-rollup.v1.schema.json", FleetRollupJson.write(hall))).isNull();
        assertThat(fieldPaths(new String(FleetRollupJson.write(row), UTF_8)))
                .as("the writer writes exactly the schema's fields").isEqualTo(WireSchema.fleetRollup().propertyPaths());
        assertThat(FleetRollupJson.read(FleetRollupJson.write(row))).isEqualTo(row);
        assertThat(FleetRollupJson.read(FleetRollupJson.write(hall))).isEqualTo(hall);
    }

    @Test
    void documentedExamplesConformAndParse() throws IOException {
        Map<String, String> examples = docExamples();
        assertThat(examples).containsKeys("node-sample", "node-sample invalid", "rack-aggregate", "coolant-sample",
                "rack-inventory", "thermal-alert firing", "thermal-alert resolved", "fleet-rollup row", "fleet-rollup hall");

        byte[] coolant = examples.get("coolant-sample").getBytes(UTF_8);
        assertThat(validate("coolant-sample.v1.schema.json", coolant)).isNull();
        assertThat(CoolantSampleJson.read(coolant).flowLpm()).isEqualTo(79.6);

        byte[] sample = examples.get("node-sample").getBytes(UTF_8);
        assertThat(validate("node-sample.v1.schema.json", sample)).isNull();
        assertThat(NodeSampleJson.read(sample).gpus()).hasSize(2);

        byte[] aggregate = examples.get("rack-aggregate").getBytes(UTF_8);
        assertThat(validate("rack-aggregate.v1.schema.json", aggregate)).isNull();
        assertThat(RackAggregateJson.read(aggregate).gpusReporting()).isEqualTo(72);

        byte[] inventory = examples.get("rack-inventory").getBytes(UTF_8);
        assertThat(validate("rack-inventory.v1.schema.json", inventory)).isNull();
        assertThat(RackInventoryJson.read(inventory).expectedGpus()).isEqualTo(72);

        for (String name : List.of("fleet-rollup row", "fleet-rollup hall")) {
            byte[] rollup = examples.get(name).getBytes(UTF_8);
            assertThat(validate("fleet-rollup.v1.schema.json", rollup)).as(name).isNull();
            assertThat(FleetRollupJson.read(rollup).level()).as(name).isEqualTo(name.substring("fleet-rollup ".length()));
        }

        for (String name : List.of("thermal-alert firing", "thermal-alert resolved")) {
            byte[] alert = examples.get(name).getBytes(UTF_8);
            assertThat(validate("thermal-alert.v1.schema.json", alert)).as(name).isNull();
            assertThat(ThermalAlertJson.read(alert).firing()).as(name).isEqualTo(name.endsWith("firing"));
        }
    }

    @Test
    void documentedInvalidExampleIsRejectedByBothSchemaAndReader() throws IOException {
        byte[] invalid = docExamples().get("node-sample invalid").getBytes(UTF_8);
        assertThat(validate("node-sample.v1.schema.json", invalid)).isNotNull();
        assertThatThrownBy(() -> NodeSampleJson.read(invalid))
                .isInstanceOfSatisfying(InvalidTelemetryException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("gpus[0].powerW must be in 0..5000 W, was -3.5"));
        assertThat(Files.readString(DOC)).contains("gpus[0].powerW must be in 0..5000 W, was -3.5");
    }

    @Test
    void schemaRequiresExactlyWhatTheReaderRequires() {
        assertRequiredAgree(WireSchema.nodeSample(), SchemaReaderAgreementTest.NODE, NodeSampleJson::read);
        assertRequiredAgree(WireSchema.coolantSample(), SchemaReaderAgreementTest.COOLANT, CoolantSampleJson::read);
        assertRequiredAgree(WireSchema.rackAggregate(), SchemaReaderAgreementTest.AGGREGATE, RackAggregateJson::read);
        assertRequiredAgree(WireSchema.rackInventory(), SchemaReaderAgreementTest.INVENTORY, RackInventoryJson::read);
        assertRequiredAgree(WireSchema.thermalAlert(), SchemaReaderAgreementTest.ALERT, ThermalAlertJson::read);
        assertRequiredAgree(WireSchema.thermalAlert(), SchemaReaderAgreementTest.FIRING_ALERT, ThermalAlertJson::read);
        assertRequiredAgree(WireSchema.fleetRollup(), SchemaReaderAgreementTest.ROLLUP, FleetRollupJson::read);
        assertRequiredAgree(WireSchema.fleetRollup(), SchemaReaderAgreementTest.HALL_ROLLUP, FleetRollupJson::read);
    }

    /**
     * The reader's required fields, found by removing each field of a document that holds every field
     * the schema defines (arrays: from their first element) and asking the reader, equal the schema's.
     */
    private static void assertRequiredAgree(WireSchema schema, String full, Consumer<byte[]> reader) {
        reader.accept(full.getBytes(UTF_8));
        assertThat(fieldPaths(full)).as("%s: the document holds every field", schema.resource).containsAll(schema.propertyPaths());
        Set<String> readerRequires = new TreeSet<>();
        JsonNode base = JsonPaths.read(full);
        for (List<Object> path : JsonPaths.valuePaths(base)) {
            if (path.get(path.size() - 1) instanceof Integer || path.stream().anyMatch(s -> s instanceof Integer i && i > 0)) {
                continue;
            }
            JsonNode without = base.deepCopy();
            JsonPaths.remove(without, path);
            try {
                reader.accept(JsonPaths.text(without).getBytes(UTF_8));
            } catch (InvalidTelemetryException e) {
                readerRequires.add(JsonPaths.name(path).replace("[0]", "[]"));
            }
        }
        System.out.printf("%s: the reader requires %s%n", schema.resource, readerRequires);
        assertThat(readerRequires).as("%s: fields the reader requires", schema.resource)
                .containsExactlyInAnyOrderElementsOf(schema.requiredPaths(base));
    }

    /** The field paths of a document, arrays' elements written {@code name[]}, e.g. {@code gpus[].index}. */
    static Set<String> fieldPaths(String json) {
        Set<String> paths = new TreeSet<>();
        for (List<Object> path : JsonPaths.valuePaths(JsonPaths.read(json))) {
            if (!(path.get(path.size() - 1) instanceof Integer)) {
                paths.add(JsonPaths.name(path).replaceAll("\\[\\d+]", "[]"));
            }
        }
        return paths;
    }
}
