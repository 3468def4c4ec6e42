package io.thermalwatch.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.thermalwatch.model.EnvSettings;
import io.thermalwatch.sink.InfluxSinkConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboards and provisioning files as Grafana would load them: each dashboard parses, its panel
 * ids are unique, its panels fit the 24-column grid without overlapping, every data source
 * reference resolves to a provisioned uid, every variable a query uses is defined, and every
 * panel query names its columns (what {@code DashboardQueriesIT} then checks against influxd).
 */
class DashboardStructureTest {

    private static final List<String> EXPECTED = List.of("alerts.json", "coolant.json", "fleet.json", "gpu.json", "rack.json");
    private static final Pattern TAG_ALIAS = Pattern.compile("\\$tag_(\\w+)");

    @Test
    void everyDashboardParsesWithAUniqueUidAndARecentSchema() {
        List<Dashboard> all = Dashboard.all();
        assertThat(all).extracting(Dashboard::file).containsExactlyElementsOf(EXPECTED);
        Set<String> uids = new HashSet<>();
        for (Dashboard d : all) {
            assertThat(d.json().path("schemaVersion").asInt()).as(d.file() + " schemaVersion").isGreaterThanOrEqualTo(38);
            assertThat(d.title()).as(d.file() + " title").isNotBlank();
            assertThat(uids.add(d.json().path("uid").asText())).as(d.file() + " uid is unique and set").isTrue();
            assertThat(d.json().path("uid").asText()).as(d.file() + " uid").matches("[a-z0-9-]{1,40}");
            assertThat(d.targets()).as(d.file() + " has queries").isNotEmpty();
        }
    }

    @Test
    void panelIdsAreUnique() {
        for (Dashboard d : Dashboard.all()) {
            Set<Integer> ids = new HashSet<>();
            for (JsonNode p : d.panels()) {
                assertThat(p.path("id").isInt()).as(d.file() + " panel \"" + p.path("title").asText() + "\" has an id").isTrue();
                assertThat(ids.add(p.path("id").asInt())).as(d.file() + " panel id " + p.path("id") + " is unique").isTrue();
            }
        }
    }

    @Test
    void panelsFitTheGridWithoutOverlapping() {
        for (Dashboard d : Dashboard.all()) {
            assertThat(overlaps(d)).as(d.file() + ": panels outside the grid or overlapping").isEmpty();
        }
    }

    @Test
    void overlapCheckFindsOverlapsAndOverflow() {
        JsonNode a = Dashboard.read(Dashboard.DIR.resolve("fleet.json")).json().deepCopy();
        var panels = (com.fasterxml.jackson.databind.node.ArrayNode) a.path("panels");
        ((com.fasterxml.jackson.databind.node.ObjectNode) panels.get(2).path("gridPos")).put("x", 2);
        ((com.fasterxml.jackson.databind.node.ObjectNode) panels.get(3).path("gridPos")).put("w", 30);
        List<String> problems = overlaps(new Dashboard("broken.json", a));
        assertThat(problems).contains("panel 3 \"Heat removed\" overlaps panel 2 \"Hall power\"");
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("panel 4 ").endsWith("is outside the 24-column grid"));
    }

    /** Panels (rows included: a row takes its line) that leave the 24 columns, and each overlapping pair. */
    static List<String> overlaps(Dashboard d) {
        List<String> problems = new ArrayList<>();
        List<JsonNode> top = new ArrayList<>();
        d.json().path("panels").forEach(top::add);
        for (int i = 0; i < top.size(); i++) {
            JsonNode g = top.get(i).path("gridPos");
            int x = g.path("x").asInt(-1);
            int w = g.path("w").asInt(0);
            if (x < 0 || w < 1 || x + w > 24 || g.path("h").asInt(0) < 1 || g.path("y").asInt(-1) < 0) {
                problems.add(title(top.get(i)) + " " + g + " is outside the 24-column grid");
            }
            for (int j = 0; j < i; j++) {
                if (intersect(g, top.get(j).path("gridPos"))) {
                    problems.add(title(top.get(i)) + " overlaps " + title(top.get(j)));
                }
            }
        }
        return problems;
    }

    private static boolean intersect(JsonNode a, JsonNode b) {
        return a.path("x").asInt() < b.path("x").asInt() + b.path("w").asInt() && b.path("x").asInt() < a.path("x").asInt() + a.path("w").asInt()
                && a.path("y").asInt() < b.path("y").asInt() + b.path("h").asInt() && b.path("y").asInt() < a.path("y").asInt() + a.path("h").asInt();
    }

    private static String title(JsonNode panel) {
        return "panel " + panel.path("id") + " \"" + panel.path("title").asText() + "\"";
    }

    @Test
    void everyDatasourceReferenceResolvesToAProvisionedUid() {
        for (Dashboard d : Dashboard.all()) {
            Map<String, JsonNode> refs = d.datasourceRefs();
            assertThat(refs).as(d.file() + " refers to data sources").isNotEmpty();
            refs.forEach((path, ref) -> assertThat(unresolved(ref, path)).as(d.file() + " " + path).isNull());
        }
    }

    @Test
    void aWrongUidOrANameReferenceIsCaught() {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(unresolved(mapper.createObjectNode().put("type", "influxdb").put("uid", "thermalwatch-influx"), "$.x")).contains("not provisioned");
        assertThat(unresolved(mapper.createObjectNode().put("type", "prometheus").put("uid", Provisioning.INFLUX_UID), "$.x")).contains("type");
        assertThat(unresolved(mapper.getNodeFactory().textNode("Thermalwatch InfluxDB"), "$.x")).contains("uid");
        assertThat(unresolved(mapper.createObjectNode().put("type", "grafana").put("uid", Provisioning.GRAFANA_BUILT_IN),
                "$.panels[0].datasource")).contains("annotations only");
    }

    /** Why {@code ref} at {@code path} does not resolve, or null when it does. */
    static String unresolved(JsonNode ref, String path) {
        if (!ref.isObject() || !ref.has("uid")) {
            return "refers by name or without a uid: " + ref;
        }
        String uid = ref.path("uid").asText();
        if (uid.equals(Provisioning.GRAFANA_BUILT_IN)) {
            return path.startsWith("$.annotations.list[") ? null : "Grafana's built-in source is for annotations only: " + ref;
        }
        Map<String, Object> ds = Provisioning.datasource(uid);
        if (ds == null) {
            return "uid " + uid + " is not provisioned in " + Provisioning.DATASOURCES;
        }
        return ref.has("type") && !ref.path("type").asText().equals(ds.get("type"))
                ? "type " + ref.path("type").asText() + " but the provisioned " + uid + " is " + ds.get("type") : null;
    }

    @Test
    void everyVariableAQueryUsesIsDefinedBeforeIt() {
        for (Dashboard d : Dashboard.all()) {
            Set<String> defined = new HashSet<>();
            for (JsonNode v : d.variables()) {
                String query = v.path("query").asText();
                assertThat(GrafanaMacros.references(query)).as(d.file() + " variable $" + v.path("name").asText()
                        + " uses only variables defined before it: " + query).isSubsetOf(defined);
                assertThat(defined.add(v.path("name").asText())).as(d.file() + " variable names are unique").isTrue();
            }
            List<String> queries = new ArrayList<>();
            d.targets().forEach(t -> queries.add(t + ": " + t.query()));
            d.annotationQueries().forEach(a -> queries.add("annotation " + a.path("name").asText() + ": " + a.path("query").asText()));
            for (String q : queries) {
                assertThat(GrafanaMacros.references(q.substring(q.indexOf(": ") + 2))).as(d.file() + " " + q).isSubsetOf(defined);
                assertThat(GrafanaMacros.hasUnsupportedSyntax(q)).as(q).isFalse();
            }
        }
    }

    @Test
    void everyPanelQueryNamesItsColumnsFollowsTheTimePickerAndItsAliasTags() {
        for (Dashboard d : Dashboard.all()) {
            for (Dashboard.Target t : d.targets()) {
                QueryShape shape = QueryShape.of(t.query());
                assertThat(shape.columns()).as(t + " columns").isNotEmpty().doesNotHaveDuplicates();
                assertThat(t.query()).as(t + " filters by the time picker").contains("$timeFilter");
                if (t.query().contains("GROUP BY time(")) {
                    assertThat(t.query()).as(t + " buckets by the panel's interval").contains("GROUP BY time($__interval)");
                }
                Matcher m = TAG_ALIAS.matcher(t.alias());
                while (m.find()) {
                    assertThat(shape.groupByTags()).as(t + " alias " + t.alias() + " needs GROUP BY " + m.group(1)).contains(m.group(1));
                }
                if (!t.minInterval().isEmpty()) {
                    GrafanaMacros.parseInterval(t.minInterval());
                }
            }
        }
        assertThatThrownBy(() -> QueryShape.of("SELECT mean(\"powerW\") FROM \"gpu\" WHERE $timeFilter"))
                .hasMessageContaining("needs AS");
    }

    @Test
    @SuppressWarnings("unchecked")
    void provisioningDeclaresTheUidsTheDashboardsUse() {
        List<Map<String, Object>> sources = Provisioning.datasources();
        assertThat(sources).extracting(s -> s.get("uid")).doesNotHaveDuplicates()
                .containsExactlyInAnyOrder(Provisioning.INFLUX_UID, "thermalwatch-alertmanager");
        Map<String, Object> influx = Provisioning.datasource(Provisioning.INFLUX_UID);
        String sinkDatabase = InfluxSinkConfig.fromEnv(new EnvSettings(Map.of())).database();
        assertThat(influx).as("the database the sink writes by default (TW_SINK_DATABASE)").containsEntry("type", "influxdb")
                .containsEntry("database", sinkDatabase).containsEntry("url", "${INFLUX_URL}");
        assertThat((Map<String, Object>) influx.get("jsonData")).containsEntry("version", "InfluxQL").containsEntry("dbName", sinkDatabase);
        Map<String, Object> am = Provisioning.datasource("thermalwatch-alertmanager");
        assertThat(am).containsEntry("type", "alertmanager").containsEntry("url", "${ALERTMANAGER_URL}");
        assertThat((Map<String, Object>) am.get("jsonData")).containsEntry("implementation", "prometheus");

        List<Map<String, Object>> providers = Provisioning.dashboardProviders();
        assertThat(providers).hasSize(1);
        assertThat(providers.get(0)).containsEntry("type", "file");
        assertThat((Map<String, Object>) providers.get(0).get("options")).containsEntry("path", "/var/lib/grafana/dashboards");
    }
}
