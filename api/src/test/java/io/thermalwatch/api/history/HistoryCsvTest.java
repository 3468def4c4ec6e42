package io.thermalwatch.api.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryCsvTest {

    @Test
    void quotesOnlyWhatRfc4180Requires() {
        assertThat(HistoryCsv.quote("r01-k01")).isEqualTo("r01-k01");
        assertThat(HistoryCsv.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(HistoryCsv.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(HistoryCsv.quote("a\nb")).isEqualTo("\"a\nb\"");
        assertThat(HistoryCsv.quote("a\rb")).isEqualTo("\"a\rb\"");
    }

    @Test
    void oneRowPerStepWithEmptyCellsWhereAFieldHasNoValue() {
        HistoryResponse r = new HistoryResponse("r,1", null, null, "", "", 0, 180_000, 60_000, "raw", List.of(
                new HistorySeries("totalPowerW", "W", "mean", List.of(List.of(0L, 1.5), List.of(120_000L, 2.5))),
                new HistorySeries("maxGpuTempC", "°C", "max", List.of(List.of(60_000L, 70.0), List.of(120_000L, 71.0)))));
        assertThat(HistoryCsv.write(r)).isEqualTo("rack,time,timeMs,totalPowerW,maxGpuTempC\r\n"
                + "\"r,1\",1970-01-01T00:00:00Z,0,1.5,\r\n"
                + "\"r,1\",1970-01-01T00:01:00Z,60000,,70.0\r\n"
                + "\"r,1\",1970-01-01T00:02:00Z,120000,2.5,71.0\r\n");
    }
}
