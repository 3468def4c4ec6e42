package io.thermalwatch.streams.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermalwatch.model.RackInventory;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryFileTest {

    @TempDir
    Path dir;

    @Test
    void yamlWithDefaultsAndCsvGiveTheSameInventory() throws Exception {
        Path yaml = dir.resolve("fleet.yaml");
        Files.writeString(yaml, """
                defaults:
                  site: ams1
                  hall: h1
                  expectedNodes: 18
                  expectedGpus: 72
                  powerBudgetKw: 140
                  designSupplyTempC: 30
                  designFlowLpm: 180
                racks:
                  - {rack: r01-k01, row: r01, coolantLoop: cdu-r01-k01}
                  - {rack: r01-k02, row: r01, coolantLoop: cdu-r01-k02, powerBudgetKw: 120.5}
                """);
        Path csv = dir.resolve("fleet.csv");
        Files.writeString(csv, """
                site,hall,row,rack,expectedNodes,expectedGpus,powerBudgetKw,coolantLoop,designSupplyTempC,designFlowLpm
                ams1,h1,r01,r01-k01,18,72,140,cdu-r01-k01,30,180
                ams1,h1,r01,r01-k02,18,72,120.5,cdu-r01-k02,30,180
                """);
        List<RackInventory> fromYaml = InventoryFile.read(yaml);
        assertThat(fromYaml).hasSize(2);
        assertThat(fromYaml.get(1)).isEqualTo(new RackInventory(1, "ams1", "h1", "r01", "r01-k02", 18, 72, 120.5,
                "cdu-r01-k02", 30.0, 180.0, null));
        assertThat(InventoryFile.read(csv)).isEqualTo(fromYaml);
    }

    @Test
    void mistakesNameTheEntryOrLine() {
        assertThatThrownBy(() -> InventoryFile.readCsv(new StringReader(
                "site,hall,row,rack,expectedNodes,expectedGpus\nams1,h1,r01,k1,18,72\nams1,h1,r01,k2,eighteen,72\n"), "f.csv"))
                .hasMessage("f.csv:3: expectedNodes must be a whole number, was 'eighteen'");
        assertThatThrownBy(() -> InventoryFile.readCsv(new StringReader(
                "site,hall,row,rack,expectedNodes,expectedGpus\nams1,h1,r01,k1,0,72\n"), "f.csv"))
                .hasMessage("f.csv:2: expectedNodes must be in 1..1000, was 0");
        assertThatThrownBy(() -> InventoryFile.readYaml(new StringReader(
                "racks:\n  - {site: a, hall: h, row: r, rack: k1, expectedNodes: 1, expectedGpus: 4, budgetKw: 3}\n"), "f.yaml"))
                .hasMessageStartingWith("f.yaml: racks[0] (k1): unknown field 'budgetKw'");
        assertThatThrownBy(() -> InventoryFile.readYaml(new StringReader(
                "racks:\n  - {site: a, hall: h, row: r, rack: k1, expectedNodes: 1, expectedGpus: 4}\n"
                        + "  - {site: a, hall: h, row: r, rack: k1, expectedNodes: 1, expectedGpus: 4}\n"), "f.yaml"))
                .hasMessage("f.yaml: rack k1 is listed twice");
        assertThatThrownBy(() -> InventoryFile.readYaml(new StringReader("rack: []\n"), "f.yaml"))
                .hasMessage("f.yaml: an inventory file needs a 'racks:' list");
    }
}
