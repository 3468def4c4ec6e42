package io.thermalwatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * JSON for the low-rate wire records ({@link RackInventory}, {@link ThermalAlert}, {@link FleetRollup}) by Jackson data
 * binding on the records themselves: a few records a second need no hand-written streaming code.
 * They follow the rules of every wire record (docs/schema.md), as the hand-written readers do:
 * unknown fields are ignored; a known field given twice is refused; scalars are never coerced
 * ({@code "18"} is not 18; see {@link RecordJsonScalars}); an integer field takes {@code 1.0} and
 * {@code 1e9}, not {@code 1.5}; NaN and Infinity literals are not JSON; a required (primitive)
 * component absent or null is refused, an optional one absent or null is null, and the records'
 * compact constructors give the rest. Every error is an {@link InvalidTelemetryException} naming the
 * field. Nulls are omitted on write.
 */
final class RecordJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS) // for any scalar type the module below does not cover
            .addModule(RecordJsonScalars.module())
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private RecordJson() {
    }

    static <T extends Record> T read(byte[] json, Class<T> type, String what) {
        if (json == null || json.length == 0) {
            throw new InvalidTelemetryException(RejectReason.MALFORMED, "empty record");
        }
        try {
            requireOneObjectWithoutRepeats(json, type, what);
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof InvalidTelemetryException invalid) {
                    throw invalid; // the field's or the record's own error, with its own reason
                }
            }
            String field = e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
                    ? m.getPath().get(m.getPath().size() - 1).getFieldName() : null;
            throw new InvalidTelemetryException(RejectReason.MALFORMED, "not a valid " + what + ": "
                    + (field == null ? "" : field + ": ") + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidTelemetryException(RejectReason.MALFORMED, "unreadable " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * The document is one object, and no component of {@code type} is named twice in it. Data binding
     * keeps the last of a repeated name silently, and {@code STRICT_DUPLICATE_DETECTION} would also
     * refuse an unknown field given twice, which the schemas and the other readers ignore; so this
     * one pass over the top-level names (the records are flat) does what the others do.
     */
    private static void requireOneObjectWithoutRepeats(byte[] json, Class<? extends Record> type, String what)
            throws IOException {
        Set<String> known = Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).collect(Collectors.toSet());
        Set<String> seen = new HashSet<>();
        try (JsonParser p = MAPPER.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw JsonFieldReader.malformed("a " + what + " must be a JSON object");
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                if (known.contains(name) && !seen.add(name)) {
                    throw JsonFieldReader.repeated(name);
                }
                p.nextToken();
                p.skipChildren();
            }
        }
    }

    static byte[] write(Object record) {
        try {
            return MAPPER.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + record.getClass().getSimpleName(), e);
        }
    }
}
