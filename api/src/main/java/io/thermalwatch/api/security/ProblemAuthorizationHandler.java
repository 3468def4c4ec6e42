package io.thermalwatch.api.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.thermalwatch.api.problem.Problem;
import jakarta.inject.Singleton;

/**
 * Security's refusals as problem+json: 401 (no token, a bad signature, expired) with
 * {@code WWW-Authenticate: Bearer}, 403 (a valid token whose roles do not reach the path).
 */
@Singleton
@Produces(Problem.CONTENT_TYPE)
@Replaces(DefaultAuthorizationExceptionHandler.class)
final class ProblemAuthorizationHandler implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException e) {
        if (e.isForbidden()) {
            return problem(request, HttpStatus.FORBIDDEN, "urn:thermalwatch:problem:forbidden", "Forbidden",
                    "the token's roles do not reach " + request.getPath()
                            + " (viewer: current state and live; analyst: + history; admin: everything)");
        }
        return problem(request, HttpStatus.UNAUTHORIZED, "urn:thermalwatch:problem:unauthorized", "Unauthorized",
                "a valid bearer token is required (Authorization: Bearer ...; missing, expired or badly signed)")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }

    private static MutableHttpResponse<Problem> problem(HttpRequest<?> request, HttpStatus status, String type,
            String title, String detail) {
        return HttpResponse.<Problem>status(status).contentType(Problem.CONTENT_TYPE)
                .body(new Problem(type, title, status.getCode(), detail, request.getPath()));
    }
}
