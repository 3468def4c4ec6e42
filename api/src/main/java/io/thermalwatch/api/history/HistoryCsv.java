package io.thermalwatch.api.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A history answer as CSV (RFC 4180): a header row, then one row per step with any value, oldest
 * first; CRLF line ends; a field holding {@code "}, {@code ,}, CR or LF is quoted with its quotes
 * doubled. Columns: the ids ({@code rack}, and {@code node}, {@code gpu} for a GPU), {@code time}
 * (ISO-8601 UTC), {@code timeMs}, then one column per field (empty where the step has no value).
 */
final class HistoryCsv {

    static final String CONTENT_TYPE = "text/csv";

    private HistoryCsv() {
    }

    static String write(HistoryResponse r) {
        StringBuilder out = new StringBuilder();
        boolean gpu = r.node() != null;
        row(out, gpu ? List.of("rack", "node", "gpu", "time", "timeMs") : List.of("rack", "time", "timeMs"),
                r.series().stream().map(HistorySeries::field).toList());
        Map<Long, Number[]> byTime = new TreeMap<>();
        for (int i = 0; i < r.series().size(); i++) {
            for (List<Number> p : r.series().get(i).points()) {
                byTime.computeIfAbsent(p.get(0).longValue(), t -> new Number[r.series().size()])[i] = p.get(1);
            }
        }
        for (Map.Entry<Long, Number[]> e : byTime.entrySet()) {
            String t = Instant.ofEpochMilli(e.getKey()).toString();
            List<String> ids = gpu ? List.of(r.rack(), r.node(), r.gpu().toString(), t, e.getKey().toString())
                    : List.of(r.rack(), t, e.getKey().toString());
            List<String> values = java.util.Arrays.stream(e.getValue()).map(v -> v == null ? "" : v.toString()).toList();
            row(out, ids, values);
        }
        return out.toString();
    }

    private static void row(StringBuilder out, List<String> first, List<String> rest) {
        boolean start = true;
        for (List<String> part : List.of(first, rest)) {
            for (String cell : part) {
                if (!start) {
                    out.append(',');
                }
                start = false;
                out.append(quote(cell));
            }
        }
        out.append("\r\n");
    }

    /** RFC 4180: quoted only when it must be. */
    static String quote(String cell) {
        if (cell.indexOf('"') < 0 && cell.indexOf(',') < 0 && cell.indexOf('\r') < 0 && cell.indexOf('\n') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }
}
