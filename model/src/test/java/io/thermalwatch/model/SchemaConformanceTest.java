package io.thermalwatch.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The three descriptions of the wire format agree: the JSON Schemas shipped in the jar, the
 * examples in docs/schema.md, and the Java readers and writers.
 */
class SchemaConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DOC = Path.of("..", "docs", "schema.md");

    private static JsonSchema schema(String resource) throws IOException {
        try (InputStream in = SchemaConformanceTest.class.getResourceAsStream("/schema/" + resource)) {
            assertThat(in).as("schema %s in the jar", resource).isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    private static Set<ValidationMessage> validate(String resource, byte[] json) throws IOException {
        return schema(resource).validate(JSON.readTree(json));
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
        assertThat(validate("node-sample.v1.schema.json", NodeSampleJson.write(full))).isEmpty();
        assertThat(validate("node-sample.v1.schema.json", NodeSampleJson.write(bare))).isEmpty();
        RackAggregate agg = new RackAggregate(1, "s", "h", "r", "k", 0, 10_000, 1, 4, 10, 2_800.5, 50, 61, null, 1);
        assertThat(validate("rack-aggregate.v1.schema.json", RackAggregateJson.write(agg))).isEmpty();
        assertThat(validate("coolant-sample.v1.schema.json", CoolantSampleJson.write(CoolantSampleJsonTest.full()))).isEmpty();
    }

    @Test
    void documentedExamplesConformAndParse() throws IOException {
        Map<String, String> examples = docExamples();
        assertThat(examples).containsKeys("node-sample", "node-sample invalid", "rack-aggregate", "coolant-sample");

        byte[] coolant = examples.get("coolant-sample").getBytes(UTF_8);
        assertThat(validate("coolant-sample.v1.schema.json", coolant)).isEmpty();
        assertThat(CoolantSampleJson.read(coolant).flowLpm()).isEqualTo(79.6);

        byte[] sample = examples.get("node-sample").getBytes(UTF_8);
        assertThat(validate("node-sample.v1.schema.json", sample)).isEmpty();
        assertThat(NodeSampleJson.read(sample).gpus()).hasSize(2);

        byte[] aggregate = examples.get("rack-aggregate").getBytes(UTF_8);
        assertThat(validate("rack-aggregate.v1.schema.json", aggregate)).isEmpty();
        assertThat(RackAggregateJson.read(aggregate).gpusReporting()).isEqualTo(72);
    }

    @Test
    void documentedInvalidExampleIsRejectedByBothSchemaAndReader() throws IOException {
        byte[] invalid = docExamples().get("node-sample invalid").getBytes(UTF_8);
        assertThat(validate("node-sample.v1.schema.json", invalid)).isNotEmpty();
        assertThatThrownBy(() -> NodeSampleJson.read(invalid))
                .isInstanceOfSatisfying(InvalidTelemetryException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("gpus[0].powerW must be in 0..5000 W, was -3.5"));
        assertThat(Files.readString(DOC)).contains("gpus[0].powerW must be in 0..5000 W, was -3.5");
    }

    @Test
    void schemaRequiresWhatTheReaderRequires() throws IOException {
        JsonNode schemaJson;
        try (InputStream in = getClass().getResourceAsStream("/schema/node-sample.v1.schema.json")) {
            schemaJson = JSON.readTree(in);
        }
        assertThat(schemaJson.get("required")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("schemaVersion", "eventMs", "site", "hall", "row", "rack", "node", "gpus");
        assertThat(schemaJson.at("/$defs/gpu/required")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("index", "uuid", "powerW", "gpuTempC");
    }
}
