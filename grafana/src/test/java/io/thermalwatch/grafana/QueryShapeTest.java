package io.thermalwatch.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QueryShapeTest {

    @Test
    void readsTheColumnsAndTagsAQueryReturns() {
        QueryShape s = QueryShape.of("SELECT last(\"a\") - last(\"b\") AS \"m\", \"title\", mean(\"x\") / 1000 AS \"kw\" FROM \"raw\".\"gpu\" "
                + "WHERE \"rack\" =~ /^$rack$/ AND $timeFilter GROUP BY time($__interval), \"node\", \"gpu\" fill(null)");
        assertThat(s.columns()).containsExactly("m", "title", "kw");
        assertThat(s.groupByTags()).containsExactly("node", "gpu");
        assertThat(QueryShape.of("SELECT count(\"t\") AS \"n\" FROM a WHERE $timeFilter").groupByTags()).isEmpty();
    }

    @Test
    void readsTheOuterQueryOfASubquery() {
        QueryShape s = QueryShape.of("SELECT sum(\"p\") AS \"total\" FROM (SELECT last(\"x\") AS \"p\" FROM m WHERE $timeFilter GROUP BY \"rack\") "
                + "WHERE $timeFilter GROUP BY \"site\"");
        assertThat(s.columns()).containsExactly("total");
        assertThat(s.groupByTags()).containsExactly("site");
    }

    @Test
    void refusesUnnamedItemsAndNonSelects() {
        assertThatThrownBy(() -> QueryShape.of("SELECT mean(\"powerW\") FROM \"gpu\" WHERE $timeFilter")).hasMessageContaining("needs AS");
        assertThatThrownBy(() -> QueryShape.of("SHOW TAG VALUES WITH KEY = \"rack\"")).hasMessageContaining("not a SELECT");
        assertThatThrownBy(() -> QueryShape.of("SELECT last(\"a\") AS \"a\" FROM m GROUP BY *")).hasMessageContaining("GROUP BY item");
    }
}
