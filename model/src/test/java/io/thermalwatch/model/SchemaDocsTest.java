package io.thermalwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/schema.md states every bound each JSON Schema sets (ranges, lengths other than 256), in the row of the field's table. */
class SchemaDocsTest {

    private static final Path DOC = Path.of("..", "docs", "schema.md");

    @Test
    void everyBoundInTheSchemasIsInTheDocs() throws IOException {
        String doc = Files.readString(DOC);
        String nodeSection = section(doc, "## Node sample");
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Object[] s : new Object[][] {
            {WireSchema.nodeSample(), nodeSection},
            {WireSchema.coolantSample(), section(doc, "## Coolant sample")},
            {WireSchema.rackAggregate(), section(doc, "## Rack aggregate")},
            {WireSchema.rackInventory(), section(doc, "## Rack inventory")},
            {WireSchema.thermalAlert(), section(doc, "## Thermal alert")},
            {WireSchema.fleetRollup(), section(doc, "## Fleet rollup")},
        }) {
            WireSchema schema = (WireSchema) s[0];
            for (String path : schema.propertyPaths()) {
                JsonNode property = schema.property(path);
                String leafName = path.substring(path.lastIndexOf('.') + 1);
                int maxLength = property.path("maxLength").asInt(256);
                if (maxLength != 256) { // 256 is the id and text rule stated once above the tables
                    checked++;
                    if (!rowsOf((String) s[1], leafName).contains("at most " + maxLength + " characters")) {
                        missing.add(schema.resource + " " + path + " at most " + maxLength + " characters");
                    }
                }
                if (!property.has("minimum") || !property.has("maximum")) {
                    continue;
                }
                String range = bound(property.get("minimum")) + ".." + bound(property.get("maximum"));
                String leaf = path.substring(path.lastIndexOf('.') + 1);
                checked++;
                if (!rowsOf((String) s[1], leaf).contains(range) && !rowsOf(nodeSection, leaf).contains(range)) {
                    missing.add(schema.resource + " " + path + " " + range);
                }
            }
        }
        System.out.printf("docs/schema.md: %d bounds checked against the schemas%n", checked);
        assertThat(checked).isGreaterThan(30);
        assertThat(missing).as("bounds the schemas set that docs/schema.md does not state in the field's row").isEmpty();
    }

    private static String section(String doc, String heading) {
        int start = doc.indexOf(heading);
        assertThat(start).as("heading %s", heading).isNotNegative();
        int end = doc.indexOf("\n## ", start + 1);
        return doc.substring(start, end < 0 ? doc.length() : end);
    }

    /** The table rows that name the field ({@code `leaf`} or {@code `x[].leaf`}). */
    private static String rowsOf(String section, String leaf) {
        StringBuilder rows = new StringBuilder();
        for (String line : section.split("\n")) {
            if (line.startsWith("|") && (line.contains("`" + leaf + "`") || line.contains("[]." + leaf + "`") || line.contains("." + leaf + "`"))) {
                rows.append(line).append('\n');
            }
        }
        return rows.toString();
    }

    /** A bound as the docs write it: powers of two minus one as 2^n-1, other numbers plainly. */
    static String bound(JsonNode n) {
        BigDecimal v = n.decimalValue().stripTrailingZeros();
        for (int bits : new int[] {31, 32, 53}) {
            if (v.compareTo(BigDecimal.valueOf((1L << bits) - 1)) == 0) {
                return "2^" + bits + "-1";
            }
        }
        return v.scale() <= 0 ? v.toBigInteger().toString() : v.toPlainString();
    }
}
