package io.thermalwatch.sink.line;

import io.thermalwatch.model.TagValues;

/**
 * Appends points in InfluxDB 1.x line protocol to a {@link StringBuilder}, one line per point:
 * {@code measurement,tag=value,... field=value,... timestampMs}. Escaping follows the 1.x spec:
 * measurement names escape {@code ,} and space; tag keys, tag values and field keys escape
 * {@code ,}, {@code =} and space; string field values escape {@code "} and {@code \}. Tag values
 * go through {@link TagValues#stored}. Tags must be appended in key order (influxd sorts them
 * otherwise, per point). A point needs at least one field: {@link #end} refuses one without.
 *
 * <p>Not thread-safe; reuse one per batch.
 */
public final class LineBuilder {

    private final StringBuilder out;
    private int fields;
    private int points;

    public LineBuilder(StringBuilder out) {
        this.out = out;
    }

    /** The text built so far (all complete points, newline-separated). */
    public StringBuilder text() {
        return out;
    }

    /** Points completed by {@link #end} since construction or {@link #clear}. */
    public int points() {
        return points;
    }

    public void clear() {
        out.setLength(0);
        points = 0;
    }

    /** Starts a point. */
    public LineBuilder measurement(String name) {
        if (out.length() > 0) {
            out.append('\n');
        }
        fields = 0;
        escape(name, false);
        return this;
    }

    public LineBuilder tag(String key, String value) {
        out.append(',');
        escape(key, true);
        out.append('=');
        escape(TagValues.stored(value), true);
        return this;
    }

    /**
     * The escaped text of tags ({@code ,k=v,...}, keys in order) to put on several points with
     * {@link #tags(String)}: a node's GPUs share five of their six tags, escaped once.
     */
    public static String tagText(String... keysAndValues) {
        LineBuilder b = new LineBuilder(new StringBuilder(128));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            b.tag(keysAndValues[i], keysAndValues[i + 1]);
        }
        return b.out.toString();
    }

    /** Tags from {@link #tagText}, already escaped. */
    public LineBuilder tags(String tagText) {
        out.append(tagText);
        return this;
    }

    public LineBuilder tag(String key, int value) {
        out.append(',');
        escape(key, true);
        out.append('=').append(value);
        return this;
    }

    /** A float field. */
    public LineBuilder field(String key, double value) {
        fieldKey(key);
        out.append(value);
        return this;
    }

    /** A float field, left out when null (absent readings stay absent, never 0). */
    public LineBuilder field(String key, Double value) {
        return value == null ? this : field(key, value.doubleValue());
    }

    /** An integer field ({@code 42i}). */
    public LineBuilder integer(String key, long value) {
        fieldKey(key);
        out.append(value).append('i');
        return this;
    }

    /** An integer field, left out when null. */
    public LineBuilder integer(String key, Long value) {
        return value == null ? this : integer(key, value.longValue());
    }

    /** An integer field, left out when null. */
    public LineBuilder integer(String key, Integer value) {
        return value == null ? this : integer(key, value.longValue());
    }

    /** A string field, left out when null. Any text is carried, line feeds included. */
    public LineBuilder string(String key, String value) {
        if (value == null) {
            return this;
        }
        fieldKey(key);
        out.append('"');
        if (value.indexOf('"') < 0 && value.indexOf('\\') < 0) {
            out.append(value); // the usual case, copied at once
        } else {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
            }
        }
        out.append('"');
        return this;
    }

    /** Ends the point with its timestamp, epoch milliseconds (write with precision {@code ms}). */
    public void end(long epochMs) {
        if (fields == 0) {
            throw new IllegalStateException("a point needs at least one field");
        }
        out.append(' ').append(epochMs);
        points++;
    }

    private void fieldKey(String key) {
        out.append(fields++ == 0 ? ' ' : ',');
        escape(key, true);
        out.append('=');
    }

    private void escape(String s, boolean equalsToo) {
        int first = 0;
        while (first < s.length() && !special(s.charAt(first), equalsToo)) {
            first++;
        }
        if (first == s.length()) {
            out.append(s); // nothing to escape (nearly always): copied at once, not char by char
            return;
        }
        out.append(s, 0, first);
        for (int i = first; i < s.length(); i++) {
            char c = s.charAt(i);
            if (special(c, equalsToo)) {
                out.append('\\');
            }
            out.append(c);
        }
    }

    private static boolean special(char c, boolean equalsToo) {
        return c == ',' || c == ' ' || (equalsToo && c == '=');
    }
}
