package io.thermalwatch.api.history;

import io.thermalwatch.api.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A validated history window: {@code [fromMs, toMs)} in steps of {@code stepMs}, and the retention
 * policy it is read from.
 *
 * <p>The policy rule: the {@code one_minute} downsamples are read when the step is a whole number of
 * minutes and the range is longer than {@link #RAW_MAX_RANGE} or starts more than
 * {@link #RAW_KEPT_FOR} before now (raw points are kept 7 days, {@code TW_SINK_RAW_RETENTION}); raw
 * points otherwise. A request that would need raw points older than that (a step under a minute or
 * not whole minutes) is refused, naming {@code step}, rather than answered with nothing.
 *
 * @param fromMs  start, inclusive, epoch ms
 * @param toMs    end, exclusive, epoch ms
 * @param stepMs  bucket width, ms
 * @param downsampled true: read {@code one_minute}; false: read {@code raw}
 */
public record HistoryRange(long fromMs, long toMs, long stepMs, boolean downsampled) {

    /** The longest range one request may span. */
    public static final Duration MAX_RANGE = Duration.ofDays(400);
    /** The most steps (points per series) one request may ask for. */
    public static final long MAX_POINTS = 10_000;
    /** The shortest step. */
    public static final Duration MIN_STEP = Duration.ofSeconds(1);
    /** How long raw points are kept (the sink's default {@code TW_SINK_RAW_RETENTION}), less a day's margin. */
    public static final Duration RAW_KEPT_FOR = Duration.ofDays(6);
    /** Ranges longer than this read the downsamples when the step allows. */
    public static final Duration RAW_MAX_RANGE = Duration.ofDays(1);
    /** Latest time InfluxDB can store (nanoseconds in a long), with margin: year 2200. */
    private static final long MAX_TIME_MS = 7_258_118_400_000L;
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    public HistoryRange {
        if (fromMs < 0 || toMs > MAX_TIME_MS || fromMs >= toMs || stepMs < MIN_STEP.toMillis()) {
            throw new IllegalArgumentException("not a valid range: " + fromMs + ".." + toMs + " step " + stepMs);
        }
    }

    public String retentionPolicy() {
        return downsampled ? "one_minute" : "raw";
    }

    /** Points per series at most (buckets the range touches). */
    public long points() {
        return (toMs - fromMs + stepMs - 1) / stepMs;
    }

    /**
     * Parses and checks a request's {@code from}, {@code to} and {@code step}.
     *
     * @param from  ISO-8601 instant or epoch ms; default {@code to} − 1 h
     * @param to    ISO-8601 instant or epoch ms; default now
     * @param step  {@code 500ms}..{@code 7d} style or ISO-8601 ({@code PT1M}); default 60 s
     * @throws ProblemException 400 naming the parameter that is wrong
     */
    public static HistoryRange parse(String from, String to, String step, long nowMs) {
        long toMs = to == null ? nowMs : time("to", to);
        long fromMs = from == null ? toMs - Duration.ofHours(1).toMillis() : time("from", from);
        if (fromMs < 0) { // only the default can get here (time() refuses what is before 1970): to is in 1970's first hour
            throw invalid("to", "to must be at least an hour after 1970-01-01T00:00:00Z when from is not given");
        }
        long stepMs = step == null ? 60_000 : duration("step", step);
        if (fromMs >= toMs) {
            throw invalid("from", "from must be before to");
        }
        if (toMs - fromMs > MAX_RANGE.toMillis()) {
            throw invalid("from", "the range from..to is at most " + MAX_RANGE.toDays() + " days");
        }
        if (stepMs < MIN_STEP.toMillis() || stepMs > MAX_RANGE.toMillis()) {
            throw invalid("step", "step must be 1 s .. " + MAX_RANGE.toDays() + " days");
        }
        long points = (toMs - fromMs + stepMs - 1) / stepMs;
        if (points > MAX_POINTS) {
            throw invalid("step", "the range needs " + points + " steps of " + stepMs + " ms, at most " + MAX_POINTS
                    + " are served: use a longer step or a shorter range");
        }
        boolean wholeMinutes = stepMs % 60_000 == 0;
        boolean old = fromMs < nowMs - RAW_KEPT_FOR.toMillis();
        boolean downsampled = wholeMinutes && (old || toMs - fromMs > RAW_MAX_RANGE.toMillis());
        if (old && !downsampled) {
            throw invalid("step", "raw points are kept " + (RAW_KEPT_FOR.toDays() + 1) + " days; for a range starting "
                    + "earlier use a step of whole minutes (e.g. 1m), which reads the 1-minute downsamples");
        }
        return new HistoryRange(fromMs, toMs, stepMs, downsampled);
    }

    /** An ISO-8601 instant or epoch ms, 1970..2200; a 400 naming {@code parameter} otherwise. */
    public static long time(String parameter, String text) {
        if (text.length() > 40) {
            throw invalid(parameter, parameter + " must be an ISO-8601 instant or epoch milliseconds (at most 40 characters)");
        }
        long ms;
        try {
            ms = text.matches("-?\\d{1,15}") ? Long.parseLong(text) : Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw invalid(parameter, parameter + " must be an ISO-8601 instant (2026-11-28T02:00:00Z) or epoch milliseconds, was '"
                    + HistoryField.clip(text) + "'");
        }
        if (ms < 0 || ms > MAX_TIME_MS) {
            throw invalid(parameter, parameter + " must be between 1970 and 2200");
        }
        return ms;
    }

    static long duration(String parameter, String text) {
        Matcher m = SIMPLE_DURATION.matcher(text.toLowerCase(Locale.ROOT));
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> n;
                    case "s" -> Math.multiplyExact(n, 1_000L);
                    case "m" -> Math.multiplyExact(n, 60_000L);
                    case "h" -> Math.multiplyExact(n, 3_600_000L);
                    default -> Math.multiplyExact(n, 86_400_000L);
                };
            }
            if (text.length() <= 40) {
                return Duration.parse(text).toMillis();
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            // falls through to the 400 below
        }
        throw invalid(parameter, parameter + " must be a duration such as 10s, 1m, 1h or PT5M, was '" + HistoryField.clip(text) + "'");
    }

    /** A 400 problem naming {@code parameter}. */
    public static ProblemException invalid(String parameter, String detail) {
        return ProblemException.badRequest("urn:thermalwatch:problem:invalid-" + parameter,
                "Invalid query parameter '" + parameter + "'", detail);
    }
}
