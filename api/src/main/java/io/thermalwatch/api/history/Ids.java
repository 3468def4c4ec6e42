package io.thermalwatch.api.history;

import io.thermalwatch.model.TagValues;

/**
 * Ids from requests (rack, node, rule...) that are looked up in InfluxDB. Any id the wire records
 * allow is accepted (not blank, at most 256 characters: quotes, commas, emoji, InfluxQL included):
 * it is only ever a bound parameter, mapped as the sink stores it ({@link TagValues#stored}).
 */
public final class Ids {

    /** The longest id the wire records carry (docs/schema.md), characters. */
    public static final int MAX_ID_CHARS = 256;

    private Ids() {
    }

    /**
     * The tag value stored for {@code value}.
     *
     * @throws io.thermalwatch.api.problem.ProblemException 400 naming {@code parameter} when blank or too long
     */
    public static String stored(String parameter, String value) {
        if (value == null || value.isBlank() || value.codePointCount(0, value.length()) > MAX_ID_CHARS) {
            throw HistoryRange.invalid(parameter, parameter + " must be an id: not blank, at most " + MAX_ID_CHARS + " characters");
        }
        return TagValues.stored(value);
    }
}
