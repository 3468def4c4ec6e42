package io.thermalwatch.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;

/**
 * Typed reads of the current field's value from a Jackson streaming parser, turning every
 * wrong-shape value into an {@link InvalidTelemetryException} that names the field.
 * The streaming parser, not data binding: it is the hot path of the streams app (~3 µs a record).
 */
final class JsonFieldReader {

    /** Shared, thread-safe. NaN/Infinity literals parse so that the bounds check can name them. */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private JsonFieldReader() {
    }

    /** Reads one object's fields after its START_OBJECT; may throw IOException or InvalidTelemetryException. */
    @FunctionalInterface
    interface ObjectReader<T> {
        T read(JsonParser p) throws IOException;
    }

    /**
     * Reads a whole document that must be one JSON object ({@code what} names it in errors):
     * empty input, another shape, trailing content and unparsable JSON become MALFORMED.
     */
    static <T> T readDocument(byte[] json, String what, ObjectReader<T> body) {
        if (json == null || json.length == 0) {
            throw malformed("empty record");
        }
        try (JsonParser p = FACTORY.createParser(json)) {
            p.nextToken();
            expect(p, JsonToken.START_OBJECT, what);
            T value = body.read(p);
            if (p.nextToken() != null) {
                throw malformed("trailing content after the " + what.replaceFirst("^an? ", "") + " object");
            }
            return value;
        } catch (com.fasterxml.jackson.core.JsonParseException e) {
            throw new InvalidTelemetryException(RejectReason.MALFORMED, "not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidTelemetryException(RejectReason.MALFORMED, "unreadable JSON: " + e.getMessage(), e);
        }
    }

    static void expect(JsonParser p, JsonToken token, String what) throws IOException {
        if (p.currentToken() != token) {
            throw malformed(what + " must be " + describe(token) + ", found " + describe(p.currentToken()));
        }
    }

    static String string(JsonParser p, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw malformed(field + " must be a string, found " + describe(t));
        }
        return p.getText();
    }

    static double number(JsonParser p, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue();
        }
        throw malformed(field + " must be a number, found " + describe(t));
    }

    static Double nullableNumber(JsonParser p, String field) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : number(p, field);
    }

    static long integer(JsonParser p, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw malformed(field + " must be an integer, found " + describe(t));
        }
        try {
            return p.getLongValue();
        } catch (IOException e) {
            throw malformed(field + " is out of the 64-bit integer range");
        }
    }

    static int smallInt(JsonParser p, String field) throws IOException {
        long v = integer(p, field);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new InvalidTelemetryException(RejectReason.OUT_OF_RANGE, field + " is out of range: " + v);
        }
        return (int) v;
    }

    static Integer nullableInt(JsonParser p, String field) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : smallInt(p, field);
    }

    static InvalidTelemetryException malformed(String message) {
        return new InvalidTelemetryException(RejectReason.MALFORMED, message);
    }

    static InvalidTelemetryException missing(String field) {
        return new InvalidTelemetryException(RejectReason.MALFORMED,
                field + " is missing");
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "end of input";
        }
        switch (t) {
            case START_OBJECT: return "an object";
            case START_ARRAY: return "an array";
            case VALUE_STRING: return "a string";
            case VALUE_NUMBER_INT: return "an integer";
            case VALUE_NUMBER_FLOAT: return "a number";
            case VALUE_TRUE: case VALUE_FALSE: return "a boolean";
            case VALUE_NULL: return "null";
            default: return t.toString();
        }
    }
}
