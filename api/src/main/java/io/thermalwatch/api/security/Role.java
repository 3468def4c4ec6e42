package io.thermalwatch.api.security;

import java.util.Locale;

/**
 * The roles a token's {@code roles} claim grants (which paths each reaches is in
 * {@code application.yml}'s {@code intercept-url-map}): {@code viewer} current state, live streams
 * and firing alerts; {@code analyst} that plus history; {@code admin} everything.
 */
public enum Role {
    VIEWER,
    ANALYST,
    ADMIN;

    /** The claim value ({@code viewer}, ...). */
    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the allowed roles */
    public static Role of(String claim) {
        for (Role r : values()) {
            if (r.claim().equals(claim)) {
                return r;
            }
        }
        throw new IllegalArgumentException("role must be viewer, analyst or admin, was '" + claim + "'");
    }
}
