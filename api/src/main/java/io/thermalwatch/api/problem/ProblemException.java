package io.thermalwatch.api.problem;

import io.micronaut.http.HttpStatus;

/** Thrown by controllers for a request the API refuses; rendered as a {@link Problem}. */
public final class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;

    public ProblemException(HttpStatus status, String type, String title, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public static ProblemException notFound(String type, String title, String detail) {
        return new ProblemException(HttpStatus.NOT_FOUND, type, title, detail);
    }

    public static ProblemException badRequest(String type, String title, String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, type, title, detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }
}
