package io.thermalwatch.api.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Renders {@link ProblemException} as {@code application/problem+json}. */
@Singleton
@Produces(Problem.CONTENT_TYPE)
final class ProblemExceptionHandler implements ExceptionHandler<ProblemException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ProblemException e) {
        Problem body = new Problem(e.type(), e.title(), e.status().getCode(), e.getMessage(), request.getPath());
        return HttpResponse.<Problem>status(e.status()).contentType(Problem.CONTENT_TYPE).body(body);
    }
}
