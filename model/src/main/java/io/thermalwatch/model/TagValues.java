package io.thermalwatch.model;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What InfluxDB 1.x line protocol can carry in a tag value, and the one documented exception.
 *
 * <p>influxd 1.6 ends a tag value at an unescaped {@code ,} or space and treats any character after
 * a backslash as escaped, unescaping only {@code \,}, {@code \ } and {@code \=}. So every value is
 * stored verbatim once those three are escaped, except two that no escaping can carry (measured on
 * influxd 1.6.7): a value that <b>ends with a backslash</b> (the backslash escapes the separator
 * after it: "invalid tag format", the whole line is refused) and a value holding a <b>line feed</b>
 * (a raw one ends the line; an escaped one is stored with the backslash). Such a value, and any
 * value that starts with {@link #ENCODED_PREFIX} (so that the mapping stays one-to-one), is written
 * as {@code ~tw:} followed by the value's UTF-8 bytes in unpadded base64url; {@link #decode}
 * reverses it. Our ids pass validation when not blank and at most 256 characters, so both can
 * reach us; neither is plausible in a real topology, and no batch ever breaks on one.
 *
 * <p>In {@code model/} because two apps need it: the sink stores tag values with {@link #stored},
 * the API applies the same mapping to the values it binds into its InfluxQL queries.
 */
public final class TagValues {

    /** Marks a tag value that is stored encoded; see the class comment. */
    public static final String ENCODED_PREFIX = "~tw:";

    private TagValues() {
    }

    /** Whether line protocol can carry {@code value} verbatim (after escaping). */
    public static boolean verbatim(String value) {
        return !value.isEmpty() && value.charAt(value.length() - 1) != '\\' && value.indexOf('\n') < 0
                && !value.startsWith(ENCODED_PREFIX);
    }

    /** The value as stored in InfluxDB: itself when {@link #verbatim}, else its encoded form. */
    public static String stored(String value) {
        if (verbatim(value)) {
            return value;
        }
        return ENCODED_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    /** The original value of a stored tag value (for readers: Grafana variables, analysts' scripts). */
    public static String decode(String stored) {
        if (!stored.startsWith(ENCODED_PREFIX)) {
            return stored;
        }
        return new String(Base64.getUrlDecoder().decode(stored.substring(ENCODED_PREFIX.length())), StandardCharsets.UTF_8);
    }
}
