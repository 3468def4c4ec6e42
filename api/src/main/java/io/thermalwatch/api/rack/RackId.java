package io.thermalwatch.api.rack;

import io.thermalwatch.api.problem.ProblemException;
import java.util.regex.Pattern;

/** The rack ids a request may name: checked before any lookup, so a bad one is a 400, not a 404. */
public final class RackId {

    private static final Pattern RACK_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RackId() {
    }

    /** @throws ProblemException 400 {@code urn:thermalwatch:problem:invalid-rack-id} when {@code rack} is malformed */
    public static String check(String rack) {
        if (!RACK_ID.matcher(rack).matches()) {
            throw ProblemException.badRequest("urn:thermalwatch:problem:invalid-rack-id", "Invalid rack id",
                    "rack ids are 1-128 letters, digits, '.', '_', ':' or '-'");
        }
        return rack;
    }
}
