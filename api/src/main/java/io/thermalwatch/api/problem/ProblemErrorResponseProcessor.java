package io.thermalwatch.api.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.stream.Collectors;

/**
 * Makes Micronaut's own errors (unknown route, unconvertible parameter, failed validation, 500)
 * problem+json too, so a client handles one error shape.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        int status = response.getStatus().getCode();
        String detail = context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
        Problem body = new Problem("about:blank", response.getStatus().getReason(), status,
                detail.isEmpty() ? null : detail, context.getRequest().getPath());
        return response.contentType(Problem.CONTENT_TYPE).body(body);
    }
}
