package io.thermalwatch.grafana;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a panel's InfluxQL query must return, read from the query itself: the columns of its outer
 * SELECT (each item's {@code AS "alias"}, or a bare {@code "field"}) and the tags of its outer
 * {@code GROUP BY} (each series carries them). An item that is neither is refused, so that every
 * column a panel shows is named in the query.
 */
public record QueryShape(List<String> columns, List<String> groupByTags) {

    private static final Pattern ALIASED = Pattern.compile("(?is).+\\s+AS\\s+\"([^\"]+)\"");
    private static final Pattern BARE = Pattern.compile("\"([^\"]+)\"");

    /**
     * @throws IllegalArgumentException if the query is not a SELECT or an item has no name
     */
    public static QueryShape of(String query) {
        String q = query.strip();
        if (!q.regionMatches(true, 0, "SELECT ", 0, 7)) {
            throw new IllegalArgumentException("not a SELECT: " + query);
        }
        int from = topLevel(q, " FROM ", 7);
        if (from < 0) {
            throw new IllegalArgumentException("no FROM: " + query);
        }
        List<String> columns = new ArrayList<>();
        for (String item : splitTopLevel(q.substring(7, from))) {
            Matcher a = ALIASED.matcher(item);
            Matcher b = BARE.matcher(item);
            if (a.matches()) {
                columns.add(a.group(1));
            } else if (b.matches()) {
                columns.add(b.group(1));
            } else {
                throw new IllegalArgumentException("select item '" + item + "' needs AS \"name\" (query: " + query + ")");
            }
        }
        List<String> tags = new ArrayList<>();
        int groupBy = topLevel(q, " GROUP BY ", from);
        if (groupBy >= 0) {
            String clause = q.substring(groupBy + 10).split("(?i)\\s+(fill\\(|ORDER BY|LIMIT|SLIMIT|OFFSET|TZ\\()", 2)[0];
            for (String item : splitTopLevel(clause)) {
                Matcher b = BARE.matcher(item);
                if (b.matches()) {
                    tags.add(b.group(1));
                } else if (!item.toLowerCase(Locale.ROOT).startsWith("time(")) {
                    throw new IllegalArgumentException("GROUP BY item '" + item + "' must be time(...) or a quoted tag (query: " + query + ")");
                }
            }
        }
        return new QueryShape(List.copyOf(columns), List.copyOf(tags));
    }

    /** Index of {@code word} (case-insensitive) outside parentheses and quotes, from {@code start}; -1 if none. */
    private static int topLevel(String q, String word, int start) {
        int depth = 0;
        char quote = 0;
        for (int i = start; i < q.length(); i++) {
            char c = q.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && q.regionMatches(true, i, word, 0, word.length())) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> splitTopLevel(String list) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        int startOfItem = 0;
        char quote = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                items.add(list.substring(startOfItem, i).strip());
                startOfItem = i + 1;
            }
        }
        items.add(list.substring(startOfItem).strip());
        return items;
    }
}
