package io.thermalwatch.demo.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints the bearer token the benchmark's API requests carry: an HS256 JWT (RFC 7519) with a
 * {@code roles} claim, signed with the secret the API child gets in
 * {@code THERMALWATCH_API_JWT_SECRET}. Plain {@code javax.crypto.Mac}: no JWT library is on the
 * demo's classpath.
 */
final class BearerToken {

    /** Environment variable holding the API's HS256 secret. */
    static final String SECRET_ENV = "THERMALWATCH_API_JWT_SECRET";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private BearerToken() {
    }

    /**
     * A token for {@code subject} with the one role {@code role}, valid from now for
     * {@code validSeconds} seconds.
     *
     * @param secret at least 32 bytes (HS256 wants a key as long as its hash)
     */
    static String mint(byte[] secret, String subject, String role, long validSeconds, Clock clock) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("an HS256 secret needs at least 32 bytes, got " + secret.length);
        }
        if (!subject.matches("[A-Za-z0-9._-]+") || !role.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("subject and role must be plain names: " + subject + ", " + role);
        }
        long now = clock.millis() / 1000;
        String header = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String claims = encode("{\"sub\":\"" + subject + "\",\"roles\":[\"" + role + "\"],\"iat\":" + now
                + ",\"exp\":" + (now + validSeconds) + "}");
        String signingInput = header + "." + claims;
        return signingInput + "." + B64.encodeToString(hmacSha256(secret, signingInput));
    }

    static byte[] hmacSha256(byte[] secret, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String encode(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
