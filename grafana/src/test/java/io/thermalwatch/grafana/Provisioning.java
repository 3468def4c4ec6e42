package io.thermalwatch.grafana;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** The provisioning files of {@code grafana/provisioning}, as Grafana reads them. */
public final class Provisioning {

    public static final Path DATASOURCES = Path.of("provisioning", "datasources", "thermalwatch.yml");
    public static final Path DASHBOARDS = Path.of("provisioning", "dashboards", "thermalwatch.yml");
    /** Grafana's built-in annotation source: allowed in annotation lists without provisioning. */
    public static final String GRAFANA_BUILT_IN = "-- Grafana --";
    public static final String INFLUX_UID = "thermalwatch-influxdb";

    private Provisioning() {
    }

    /** The provisioned data sources, each as its YAML map. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> datasources() {
        return (List<Map<String, Object>>) load(DATASOURCES).get("datasources");
    }

    /** The provisioned data source of {@code uid}, or null. */
    public static Map<String, Object> datasource(String uid) {
        return datasources().stream().filter(d -> uid.equals(d.get("uid"))).findFirst().orElse(null);
    }

    /** The InfluxDB database the dashboards read (the InfluxDB data source's {@code database}). */
    public static String influxDatabase() {
        return (String) datasource(INFLUX_UID).get("database");
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> dashboardProviders() {
        return (List<Map<String, Object>>) load(DASHBOARDS).get("providers");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(Path file) {
        try {
            return new Yaml().load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
