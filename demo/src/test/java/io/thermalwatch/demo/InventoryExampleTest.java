package io.thermalwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermalwatch.model.RackInventory;
import io.thermalwatch.streams.inventory.InventoryFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's inventory example files, and its field table, against the loader and the record. */
class InventoryExampleTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void theYamlAndCsvExamplesParseToTheSameRacks() throws Exception {
        List<RackInventory> yaml = InventoryFile.read(ROOT.resolve("docs/inventory.example.yaml"));
        List<RackInventory> csv = InventoryFile.read(ROOT.resolve("docs/inventory.example.csv"));
        assertThat(yaml).extracting(RackInventory::rack).containsExactly("r01-k01", "r01-k02", "r01-k03", "r02-k01");
        assertThat(yaml.get(0)).isEqualTo(new RackInventory(1, "ams1", "h1", "r01", "r01-k01", 18, 72, 110.0, "cdu-r01-a",
                30.0, 180.0, 140.0));
        assertThat(yaml.get(3)).as("defaults overridden, and unset with null")
                .isEqualTo(new RackInventory(1, "ams1", "h1", "r02", "r02-k01", 4, 32, 26.0, "cdu-r02-a", 32.0, null, null));
        assertThat(csv).isEqualTo(yaml);
    }

    @Test
    void theReadmeInventoryTableNamesEveryFieldOfTheRecord() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int section = readme.indexOf("\n## Inventory\n");
        assertThat(section).as("README has an Inventory section").isPositive();
        String body = readme.substring(section, readme.indexOf("\n## ", section + 1));
        List<String> documented = new ArrayList<>();
        Matcher row = Pattern.compile("(?m)^\\| ((?:`[A-Za-z]+`(?:, )?)+) \\|").matcher(body);
        while (row.find()) {
            Matcher field = Pattern.compile("`([A-Za-z]+)`").matcher(row.group(1));
            while (field.find()) {
                documented.add(field.group(1));
            }
        }
        TreeSet<String> fields = new TreeSet<>(Arrays.stream(RackInventory.class.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName).toList());
        fields.remove("schemaVersion"); // the loader stamps it
        assertThat(documented).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(documented)).isEqualTo(fields);
    }
}
