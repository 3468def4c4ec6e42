package io.thermalwatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON for the low-rate wire records ({@link RackInventory}, {@link ThermalAlert}) by Jackson data
 * binding on the records themselves: a few records a second need no hand-written streaming code.
 * Unknown fields are ignored (producers may add fields), nulls are omitted on write, a null
 * primitive or a float in an integer field is refused, a missing one reads as 0 (which every
 * record's invariants refuse where it matters), and the records' own invariants give the errors,
 * as {@link InvalidTelemetryException}.
 */
final class RecordJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private RecordJson() {
    }

    static <T> T read(byte[] json, Class<T> type, String what) {
        if (json == null || json.length == 0) {
            throw new InvalidTelemetryException(RejectReason.MALFORMED, "empty record");
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof InvalidTelemetryException invalid) {
                    throw invalid; // the record's own invariant, with its own reason
                }
            }
            String field = e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
                    ? m.getPath().get(m.getPath().size() - 1).getFieldName() : null;
            throw new InvalidTelemetryException(RejectReason.MALFORMED, "not a valid " + what + ": "
                    + (field == null ? "" : field + ": ") + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new InvalidTelemetryException(RejectReason.MALFORMED, "unreadable " + what + ": " + e.getMessage(), e);
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
