package io.thermalwatch.streams.inventory;

import io.thermalwatch.model.InvalidTelemetryException;
import io.thermalwatch.model.RackInventory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads a fleet inventory from YAML ({@code racks:} list, optional {@code defaults:} applied to
 * every rack) or CSV (a header row of the same field names; an empty cell is "not set"). Field
 * names are {@link RackInventory}'s. Every mistake is refused naming the rack entry or CSV line.
 */
public final class InventoryFile {

    static final Set<String> FIELDS = Set.of("site", "hall", "row", "rack", "expectedNodes", "expectedGpus",
            "powerBudgetKw", "coolantLoop", "designSupplyTempC", "designFlowLpm", "designDiffPressureKpa");

    private InventoryFile() {
    }

    public static List<RackInventory> read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return name.endsWith(".csv") ? readCsv(in, file.toString()) : readYaml(in, file.toString());
        }
    }

    @SuppressWarnings("unchecked")
    static List<RackInventory> readYaml(Reader in, String where) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object doc = new Yaml(new SafeConstructor(options)).load(in);
        if (!(doc instanceof Map<?, ?> top) || !(top.get("racks") instanceof List<?> racks)) {
            throw new IllegalArgumentException(where + ": an inventory file needs a 'racks:' list");
        }
        Map<String, Object> defaults = top.get("defaults") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of();
        List<RackInventory> out = new ArrayList<>();
        for (int i = 0; i < racks.size(); i++) {
            if (!(racks.get(i) instanceof Map<?, ?> rack)) {
                throw new IllegalArgumentException(where + ": racks[" + i + "] must be a mapping");
            }
            Map<String, Object> fields = new LinkedHashMap<>(defaults);
            fields.putAll((Map<String, Object>) rack);
            out.add(entry(fields, where + ": racks[" + i + "]" + (rack.get("rack") == null ? "" : " (" + rack.get("rack") + ")")));
        }
        return unique(out, where);
    }

    static List<RackInventory> readCsv(Reader in, String where) throws IOException {
        List<String> lines = new java.io.BufferedReader(in).lines().toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(where + ": empty CSV, expected a header row");
        }
        String[] header = lines.get(0).split(",", -1);
        List<RackInventory> out = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) {
                continue;
            }
            String[] cells = lines.get(n).split(",", -1);
            if (cells.length != header.length) {
                throw new IllegalArgumentException(where + ":" + (n + 1) + ": " + cells.length + " cells, the header has "
                        + header.length);
            }
            Map<String, Object> fields = new HashMap<>();
            for (int c = 0; c < header.length; c++) {
                if (!cells[c].isBlank()) {
                    fields.put(header[c].trim(), cells[c].trim());
                }
            }
            out.add(entry(fields, where + ":" + (n + 1)));
        }
        return unique(out, where);
    }

    private static RackInventory entry(Map<String, Object> f, String where) {
        for (String key : f.keySet()) {
            if (!FIELDS.contains(key)) {
                throw new IllegalArgumentException(where + ": unknown field '" + key + "' (fields: " + new java.util.TreeSet<>(FIELDS) + ")");
            }
        }
        try {
            return new RackInventory(RackInventory.SCHEMA_VERSION, text(f, "site"), text(f, "hall"), text(f, "row"),
                    text(f, "rack"), (int) whole(f, "expectedNodes", where), (int) whole(f, "expectedGpus", where),
                    number(f, "powerBudgetKw", where), text(f, "coolantLoop"), number(f, "designSupplyTempC", where),
                    number(f, "designFlowLpm", where), number(f, "designDiffPressureKpa", where));
        } catch (InvalidTelemetryException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static String text(Map<String, Object> f, String key) {
        Object v = f.get(key);
        return v == null ? null : String.valueOf(v);
    }

    private static Double number(Map<String, Object> f, String key, String where) {
        Object v = f.get(key);
        if (v == null) {
            return null;
        }
        try {
            double d = v instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(v));
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": " + key + " must be a number, was '" + v + "'");
        }
    }

    private static long whole(Map<String, Object> f, String key, String where) {
        Object v = f.get(key);
        if (v == null) {
            throw new IllegalArgumentException(where + ": " + key + " is required");
        }
        try {
            return v instanceof Integer || v instanceof Long ? ((Number) v).longValue() : Long.parseLong(String.valueOf(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": " + key + " must be a whole number, was '" + v + "'");
        }
    }

    private static List<RackInventory> unique(List<RackInventory> racks, String where) {
        Set<String> seen = new java.util.HashSet<>();
        for (RackInventory r : racks) {
            if (!seen.add(r.rack())) {
                throw new IllegalArgumentException(where + ": rack " + r.rack() + " is listed twice");
            }
        }
        return racks;
    }
}
