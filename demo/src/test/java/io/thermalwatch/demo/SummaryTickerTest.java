package io.thermalwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermalwatch.api.alert.AlertCounts;
import io.thermalwatch.model.RackAggregate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTickerTest {

    private static final long W = 1_790_000_000_000L;
    private static final AlertCounts NONE = new AlertCounts(0, 0);

    private static RackAggregate rack(String id, long startMs) {
        return new RackAggregate(1, "s", "h", "r01", id, startMs, startMs + 10_000, 18, 72, 180, 50_000, 45, 60, null, 0);
    }

    @Test
    void printsEachWindowOnceWhenEveryRackHasIt() {
        SummaryTicker ticker = new SummaryTicker();
        long now = W + 16_000;
        assertThat(ticker.poll(List.of(), NONE, 0, 0, now)).isNull();
        // one rack has the window, the other not yet: wait
        assertThat(ticker.poll(List.of(rack("a", W), rack("b", W - 10_000)), NONE, 10, 0, now)).isNull();
        String line = ticker.poll(List.of(rack("a", W), rack("b", W)), NONE, 10, 0, now + 1_000);
        assertThat(line).startsWith("window to ").contains("racks 2");
        // the same window polled again, every second until the next one: nothing more
        for (int s = 2; s < 10; s++) {
            assertThat(ticker.poll(List.of(rack("a", W), rack("b", W)), NONE, 10, 0, now + s * 1_000L)).isNull();
        }
        assertThat(ticker.poll(List.of(rack("a", W + 10_000), rack("b", W + 10_000)), NONE, 20, 0, now + 10_000)).isNotNull();
    }

    @Test
    void eachLineCountsTheAlertsFiringWhenItIsPrinted() {
        SummaryTicker ticker = new SummaryTicker();
        List<RackAggregate> first = List.of(rack("a", W), rack("b", W));
        List<RackAggregate> second = List.of(rack("a", W + 10_000), rack("b", W + 10_000));
        assertThat(ticker.poll(first, new AlertCounts(2, 5), 10, 0, W + 16_000))
                .contains("| alerts firing 2 critical, 5 warning |");
        // alerts change between windows: the next window's line says so, no line in between
        assertThat(ticker.poll(first, new AlertCounts(0, 1), 10, 0, W + 17_000)).isNull();
        assertThat(ticker.poll(second, new AlertCounts(0, 1), 20, 0, W + 26_000))
                .contains("| alerts firing 0 critical, 1 warning |");
    }

    @Test
    void aLaggingRackHoldsTheLineBackOnlyForAFewSeconds() {
        SummaryTicker ticker = new SummaryTicker();
        List<RackAggregate> racks = List.of(rack("a", W), rack("silent", W - 600_000));
        assertThat(ticker.poll(racks, NONE, 1, 0, W + 16_000)).isNull();
        assertThat(ticker.poll(racks, NONE, 1, 0, W + 16_000 + SummaryTicker.SETTLE_MS - 1)).isNull();
        assertThat(ticker.poll(racks, NONE, 1, 0, W + 16_000 + SummaryTicker.SETTLE_MS)).isNotNull();
        assertThat(ticker.poll(racks, NONE, 1, 0, W + 30_000)).isNull();
    }
}
