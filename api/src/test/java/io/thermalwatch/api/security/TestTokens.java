package io.thermalwatch.api.security;

import java.time.Duration;
import java.time.Instant;

/**
 * Tokens for tests: an API started with {@link #SECRET} (property {@link #PROPERTY}) accepts them.
 * {@code TestTokens.bearer("analyst")} is an {@code Authorization} header value.
 */
public final class TestTokens {

    /** 48 bytes, as {@code openssl rand -base64 48} would give. */
    public static final String SECRET = "dGVzdC1vbmx5LXNlY3JldC1mb3ItdGhlcm1hbHdhdGNoLWFwaS0wMTIzNDU2Nzg5";
    /** The Micronaut property that {@code THERMALWATCH_API_JWT_SECRET} sets. */
    public static final String PROPERTY = "thermalwatch.api.jwt-secret";

    private TestTokens() {
    }

    /** A token with {@code role} (viewer, analyst, admin), valid for an hour. */
    public static String token(String role) {
        return new TokenMinter(SECRET).mint("test", Role.of(role), Instant.now(), Duration.ofHours(1));
    }

    /** {@code "Bearer " + token(role)}. */
    public static String bearer(String role) {
        return "Bearer " + token(role);
    }
}
