package io.thermalwatch.grafana;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Substitutes Grafana's macros and template variables into an InfluxQL query the way Grafana's
 * InfluxDB (InfluxQL) data source does before it sends the query: {@code $timeFilter},
 * {@code $__interval}, {@code $__interval_ms}, {@code $__from}, {@code $__to}, and {@code $var} /
 * {@code ${var}} formatted for a regex match ({@code =~ /^$var$/}): one value regex-escaped, several
 * as {@code (a|b)}, "All" as the variable's custom all value, unescaped.
 */
public final class GrafanaMacros {

    /** {@code $name}, {@code ${name}}, {@code ${name:format}} and the deprecated {@code [[name]]}. */
    private static final Pattern REF = Pattern.compile("\\$(\\w+)|\\$\\{(\\w+)(?::(\\w+))?}|\\[\\[(\\w+)]]");
    public static final Set<String> BUILT_INS = Set.of("timeFilter", "__interval", "__interval_ms", "__from", "__to");
    /** Characters Grafana's escapeRegex escapes (the slash too: it would end InfluxQL's /regex/ literal). */
    private static final Pattern REGEX_SPECIAL = Pattern.compile("[\\\\^$*+?.()|\\[\\]{}/]");
    /** JavaScript's parseFloat succeeds on these: Grafana passes such a single value through unescaped. */
    private static final Pattern PARSE_FLOAT_OK = Pattern.compile("^\\s*[+-]?(Infinity|\\d|\\.\\d).*", Pattern.DOTALL);

    private GrafanaMacros() {
    }

    /** What the time picker and the panel contribute; {@code interval} is the panel's $__interval. */
    public record Range(String timeFilter, long fromMs, long toMs, Duration interval) {
        /** An absolute range, as Grafana 10 sends it: {@code time >= 1234ms and time <= 5678ms}. */
        public static Range absolute(long fromMs, long toMs, Duration interval) {
            return new Range("time >= " + fromMs + "ms and time <= " + toMs + "ms", fromMs, toMs, interval);
        }

        /** A range ending now, as Grafana sends "Last N hours": {@code time >= now() - 6h}. */
        public static Range lastHours(int hours, long nowMs, Duration interval) {
            return new Range("time >= now() - " + hours + "h", nowMs - hours * 3_600_000L, nowMs, interval);
        }

        public Range withInterval(Duration newInterval) {
            return new Range(timeFilter, fromMs, toMs, newInterval);
        }
    }

    /** A variable's current value: some of its values, or "All" (sent as {@code allValue}). */
    public record Selection(List<String> values, boolean all, String allValue) {
        public Selection {
            if (!all && values.isEmpty()) {
                throw new IllegalArgumentException("a selection needs a value");
            }
        }

        public static Selection of(List<String> values) {
            return new Selection(List.copyOf(values), false, null);
        }
    }

    /** The template variables a query refers to (built-in macros left out), in order of appearance. */
    public static Set<String> references(String query) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = REF.matcher(query);
        while (m.find()) {
            String name = name(m);
            if (!BUILT_INS.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** Whether the query uses a deprecated or formatted reference ({@code [[x]]}, {@code ${x:csv}}) that this class does not model. */
    public static boolean hasUnsupportedSyntax(String query) {
        Matcher m = REF.matcher(query);
        while (m.find()) {
            if (m.group(3) != null || m.group(4) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * The query as Grafana sends it.
     *
     * @throws IllegalArgumentException naming a variable that has no selection
     */
    public static String interpolate(String query, Map<String, Selection> selections, Range range) {
        Matcher m = REF.matcher(query);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = name(m);
            String value = switch (name) {
                case "timeFilter" -> range.timeFilter();
                case "__interval" -> interval(range.interval());
                case "__interval_ms" -> Long.toString(range.interval().toMillis());
                case "__from" -> Long.toString(range.fromMs());
                case "__to" -> Long.toString(range.toMs());
                default -> {
                    Selection s = selections.get(name);
                    if (s == null) {
                        throw new IllegalArgumentException("variable $" + name + " is not defined (query: " + query + ")");
                    }
                    yield s.all() ? s.allValue() : regexValue(s.values());
                }
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A selection formatted for {@code =~ /^...$/}, as Grafana's InfluxDB data source formats multi-value variables. */
    public static String regexValue(List<String> values) {
        if (values.size() == 1) {
            String v = values.get(0);
            return PARSE_FLOAT_OK.matcher(v).matches() ? v : escape(v);
        }
        return values.stream().map(GrafanaMacros::escape).collect(Collectors.joining("|", "(", ")"));
    }

    static String escape(String value) {
        return REGEX_SPECIAL.matcher(value).replaceAll("\\\\$0");
    }

    /** Grafana's interval text: 500ms, 10s, 1m, 2h. */
    public static String interval(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    /** Parses a panel's "Min interval" (10s, 1m, 1h); empty means none. */
    public static Duration parseInterval(String text) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an interval: '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static String name(Matcher m) {
        for (int g : new int[] {1, 2, 4}) {
            if (m.group(g) != null) {
                return m.group(g);
            }
        }
        throw new IllegalStateException();
    }
}
