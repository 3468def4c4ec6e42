package io.thermalwatch.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermalwatch.grafana.GrafanaMacros.Range;
import io.thermalwatch.grafana.GrafanaMacros.Selection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrafanaMacrosTest {

    private static final Range RANGE = Range.absolute(1_000, 2_000, Duration.ofSeconds(10));

    @Test
    void substitutesTimeFilterIntervalsAndRange() {
        String q = GrafanaMacros.interpolate("SELECT x FROM m WHERE $timeFilter GROUP BY time($__interval) -- $__interval_ms $__from ${__to}",
                Map.of(), RANGE);
        assertThat(q).isEqualTo("SELECT x FROM m WHERE time >= 1000ms and time <= 2000ms GROUP BY time(10s) -- 10000 1000 2000");
        assertThat(Range.lastHours(6, 0, Duration.ofMinutes(1)).timeFilter()).isEqualTo("time >= now() - 6h");
        assertThat(GrafanaMacros.interval(Duration.ofMinutes(1))).isEqualTo("1m");
        assertThat(GrafanaMacros.interval(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }

    @Test
    void formatsVariablesForARegexMatchAsGrafanaDoes() {
        Map<String, Selection> sel = Map.of("rack", Selection.of(List.of("r02 k(03)+.x")), "node", Selection.of(List.of("n01", "n|2")),
                "gpu", Selection.of(List.of("3")), "row", new Selection(List.of(), true, ".*"));
        assertThat(GrafanaMacros.interpolate("\"rack\" =~ /^$rack$/ AND \"node\" =~ /^${node}$/ AND \"gpu\" =~ /^$gpu$/ AND \"row\" =~ /^$row$/",
                sel, RANGE)).isEqualTo("\"rack\" =~ /^r02 k\\(03\\)\\+\\.x$/ AND \"node\" =~ /^(n01|n\\|2)$/ AND \"gpu\" =~ /^3$/ AND \"row\" =~ /^.*$/");
        assertThat(GrafanaMacros.regexValue(List.of("a/b\\c"))).isEqualTo("a\\/b\\\\c");
    }

    @Test
    void refusesUndefinedVariablesAndListsReferences() {
        assertThatThrownBy(() -> GrafanaMacros.interpolate("x =~ /^$nope$/", Map.of(), RANGE)).hasMessageContaining("$nope");
        assertThat(GrafanaMacros.references("$site $timeFilter ${hall} [[row]] $__interval")).containsExactly("site", "hall", "row");
        assertThat(GrafanaMacros.hasUnsupportedSyntax("[[row]]")).isTrue();
        assertThat(GrafanaMacros.hasUnsupportedSyntax("${row:csv}")).isTrue();
        assertThat(GrafanaMacros.hasUnsupportedSyntax("${row} $row")).isFalse();
    }
}
