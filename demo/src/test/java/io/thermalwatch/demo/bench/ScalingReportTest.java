package io.thermalwatch.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScalingReportTest {

    @Test
    void aRowPerCellWithItsRateOrWhyItHasNone() {
        StringBuilder md = new StringBuilder();
        ScalingReport.append(md, List.of(new ScalingRun.Cell(4, 1, 228_000, 31_234.4, 17.26, null),
                new ScalingRun.Cell(4, 2, 228_000, -1, 300.0, "committed 1,000 of 228,000 records in 300 s")), 1000);
        assertThat(md.toString()).startsWith("## Scaling\n\n").contains("1,000 racks × 12 ticks")
                .contains("| 4 | 1 | 228,000 | 31,234 | 17.3 |\n")
                .contains("| 4 | 2 | 228,000 | — (committed 1,000 of 228,000 records in 300 s) | 300.0 |\n");
    }

    @Test
    void noCellsSaysItWasNotRun() {
        StringBuilder md = new StringBuilder();
        ScalingReport.append(md, List.of(), 1000);
        assertThat(md.toString()).contains("Not run");
    }
}
