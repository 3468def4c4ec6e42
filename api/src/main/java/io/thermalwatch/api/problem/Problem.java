package io.thermalwatch.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An RFC 9457 problem details body, served as {@code application/problem+json} for every error.
 *
 * @param type     a URI naming the kind of problem
 * @param title    a short summary of the kind of problem
 * @param status   the HTTP status code
 * @param detail   what went wrong with this request
 * @param instance the request path
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance) {

    public static final String CONTENT_TYPE = "application/problem+json";
}
