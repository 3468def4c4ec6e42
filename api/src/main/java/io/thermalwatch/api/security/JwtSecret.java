package io.thermalwatch.api.security;

import java.nio.charset.StandardCharsets;

/**
 * The HS256 signing secret of the API's bearer tokens, from {@code THERMALWATCH_API_JWT_SECRET}:
 * its UTF-8 bytes are the HMAC key, as Micronaut Security reads it. HS256 wants a key of at least
 * 256 bits; make one with {@code openssl rand -base64 48}.
 */
public final class JwtSecret {

    public static final String ENV = "THERMALWATCH_API_JWT_SECRET";
    /** 256 bits. */
    public static final int MIN_BYTES = 32;

    private JwtSecret() {
    }

    /**
     * @return {@code secret}
     * @throws IllegalArgumentException naming {@link #ENV} when absent or shorter than 256 bits
     */
    public static String check(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException(ENV + " must be set: the HS256 secret of the API's tokens, at least "
                    + MIN_BYTES + " bytes (e.g. openssl rand -base64 48)");
        }
        int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < MIN_BYTES) {
            throw new IllegalArgumentException(ENV + " must be at least " + MIN_BYTES + " bytes (256 bits), was "
                    + bytes + " bytes (e.g. openssl rand -base64 48)");
        }
        return secret;
    }
}
