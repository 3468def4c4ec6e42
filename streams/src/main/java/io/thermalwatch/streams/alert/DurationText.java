package io.thermalwatch.streams.alert;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the rule file's durations: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, or {@code 0}. */
final class DurationText {

    private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    private DurationText() {
    }

    /** Milliseconds; {@code what} names the setting in the error. */
    static long millis(Object value, String what) {
        String text = String.valueOf(value).trim();
        if (text.equals("0")) {
            return 0;
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(what + " must be a duration like 500ms, 30s, 5m or 1h, was '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> n * 1_000;
            case "m" -> n * 60_000;
            default -> n * 3_600_000;
        };
    }
}
