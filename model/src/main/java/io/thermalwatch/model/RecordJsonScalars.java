package io.thermalwatch.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * The scalar deserializers of {@link RecordJson}: they read a record component's value exactly as the
 * hand-written streaming readers do ({@link JsonFieldReader}), so that data binding and the JSON
 * Schemas agree. Jackson's own ones coerce ({@code "18"} to 18, {@code true} to 1, {@code 5} to
 * {@code "5"}), truncate {@code 1.5} to 1 when floats are allowed in integer fields, and refuse
 * {@code 1.0} when they are not; JSON Schema does none of that. Each deserializer knows the field it
 * reads (from {@link #createContextual}), so every error names it.
 */
final class RecordJsonScalars {

    private RecordJsonScalars() {
    }

    /** What a scalar deserializer reads from the current token; null tokens never get here. */
    @FunctionalInterface
    private interface Read<T> {
        T read(JsonParser p, String field) throws IOException;
    }

    static SimpleModule module() {
        SimpleModule m = new SimpleModule("thermalwatch-strict-scalars");
        add(m, int.class, Integer.class, JsonFieldReader::smallInt);
        add(m, long.class, Long.class, JsonFieldReader::integer);
        add(m, double.class, Double.class, JsonFieldReader::number);
        m.addDeserializer(String.class, new Strict<>(String.class, JsonFieldReader::string, false, "value"));
        return m;
    }

    private static <T> void add(SimpleModule m, Class<T> primitive, Class<T> boxed, Read<T> read) {
        m.addDeserializer(primitive, new Strict<>(primitive, read, true, "value"));
        m.addDeserializer(boxed, new Strict<>(boxed, read, false, "value"));
    }

    /**
     * One scalar type. A primitive component is required: null or absent is refused ("is missing"),
     * as by the schemas' {@code required}; a boxed or String one reads null or absent as null, which
     * the record's compact constructor judges (an id must be present, an optional field may be absent).
     */
    private static final class Strict<T> extends StdDeserializer<T> implements ContextualDeserializer {

        private final transient Read<T> read;
        private final boolean required;
        private final String field;

        Strict(Class<T> type, Read<T> read, boolean required, String field) {
            super(type);
            this.read = read;
            this.required = required;
            this.field = field;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            return property == null ? this : new Strict<>(handledType(), read, required, property.getName());
        }

        @SuppressWarnings("unchecked")
        @Override
        public Class<T> handledType() {
            return (Class<T>) super.handledType();
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return read.read(p, field);
        }

        @Override
        public T getNullValue(DeserializationContext ctxt) {
            if (required) {
                throw JsonFieldReader.missing(field);
            }
            return null;
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return getNullValue(ctxt);
        }
    }
}
