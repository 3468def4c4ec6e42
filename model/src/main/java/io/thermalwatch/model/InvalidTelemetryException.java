package io.thermalwatch.model;

/** Input that cannot become a wire record; {@link #reason()} classifies it for the dead-letter topic. */
public final class InvalidTelemetryException extends RuntimeException {

    private final RejectReason reason;

    public InvalidTelemetryException(RejectReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public InvalidTelemetryException(RejectReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }

    /** The same failure with {@code prefix} (e.g. {@code gpus[3].}) in front of the message. */
    InvalidTelemetryException prefixed(String prefix) {
        return new InvalidTelemetryException(reason, prefix + getMessage(), this);
    }
}
