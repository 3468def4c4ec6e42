package io.thermalwatch.api.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Reads the token from {@code ?access_token=} on the live (SSE) paths only: a browser's
 * {@code EventSource} cannot send an {@code Authorization} header. Elsewhere the header is the only
 * way, so tokens do not end up in access logs or browser history for ordinary requests.
 */
@Singleton
final class QueryTokenReader implements TokenReader<HttpRequest<?>> {

    static final String PARAMETER = "access_token";
    private static final String LIVE_PATHS = "/api/v1/live/";

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        if (!request.getPath().startsWith(LIVE_PATHS)) {
            return Optional.empty();
        }
        return request.getParameters().getFirst(PARAMETER).filter(t -> !t.isBlank());
    }

    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE; // the header first
    }
}
