package io.thermalwatch.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;

/**
 * Typed reads of the current field's value from a Jackson streaming parser, turning every
 * wrong-shape value into an {@link InvalidTelemetryException} that names the field.
 * The streaming parser, not data binding: it is the hot path of the streams app (~3 µs a record).
 */
final class JsonFieldReader {

    /**
     * Shared, thread-safe. NaN/Infinity literals parse so that the bounds check can name them. The
     * fast double parser (FastDoubleParser, correctly rounded like {@link Double#parseDouble}) because
     * parsing the decimals of a node sample was a tenth of the streams app's CPU (benchmark profile).
     */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
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

    /**
     * An integer field. JSON Schema counts any number with a zero fraction as an integer
     * ({@code 1e9}, {@code 1000000000.0}), so this does too; such a value is read as a double, like any
     * number, and must lie within ±(2^53-1), where doubles hold integers exactly. Integer tokens
     * beyond 64 bits are out of range (every integer field's bound is far below).
     */
    static long integer(JsonParser p, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw outOfRange(field + " is out of range: beyond 64 bits");
            }
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = p.getDoubleValue();
            if (d != Math.rint(d)) { // also true for NaN
                throw malformed(field + " must be an integer, found " + d);
            }
            if (Math.abs(d) > Bounds.MAX_SAFE_INTEGER) {
                throw outOfRange(field + " is out of range: " + d);
            }
            return (long) d;
        }
        throw malformed(field + " must be an integer, found " + describe(t));
    }

    static Long nullableLong(JsonParser p, String field) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : integer(p, field);
    }

    static int smallInt(JsonParser p, String field) throws IOException {
        long v = integer(p, field);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw outOfRange(field + " is out of range: " + v);
        }
        return (int) v;
    }

    static Integer nullableInt(JsonParser p, String field) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : smallInt(p, field);
    }

    /**
     * Skips the value of a field this reader does not know. The non-standard NaN/Infinity literals
     * (parsed only so that a known number field can name them) are refused here too: a document
     * holding one is not JSON, wherever it sits.
     */
    static void skipUnknown(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        int depth = 0;
        do {
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                depth++;
            } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                depth--;
            } else if (t == JsonToken.VALUE_NUMBER_FLOAT && p.isNaN()) { // true only for those literals here
                throw malformed("not valid JSON: non-standard number " + p.getText());
            }
        } while (depth > 0 && (t = p.nextToken()) != null);
    }

    /** A field given twice in one object: JSON leaves its meaning open, so it is refused. */
    static InvalidTelemetryException repeated(String field) {
        return malformed(field + " is given more than once");
    }

    static InvalidTelemetryException outOfRange(String message) {
        return new InvalidTelemetryException(RejectReason.OUT_OF_RANGE, message);
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
