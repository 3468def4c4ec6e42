package io.thermalwatch.model;

import static io.thermalwatch.model.JsonFieldReader.FACTORY;
import static io.thermalwatch.model.JsonFieldReader.expect;
import static io.thermalwatch.model.JsonFieldReader.integer;
import static io.thermalwatch.model.JsonFieldReader.malformed;
import static io.thermalwatch.model.JsonFieldReader.missing;
import static io.thermalwatch.model.JsonFieldReader.nullableNumber;
import static io.thermalwatch.model.JsonFieldReader.repeated;
import static io.thermalwatch.model.JsonFieldReader.skipUnknown;
import static io.thermalwatch.model.JsonFieldReader.smallInt;
import static io.thermalwatch.model.JsonFieldReader.string;
import static io.thermalwatch.model.NodeSampleJson.writeOptional;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** JSON form of {@link CoolantSample} (schema {@code schema/coolant-sample.v1.schema.json}). */
public final class CoolantSampleJson {

    private CoolantSampleJson() {
    }

    /**
     * Parses and validates one sample; an optional field given as null is absent (null pumps or
     * leakDetectors: none), a known field given twice in one object is refused.
     *
     * @throws InvalidTelemetryException naming the bad or missing field
     */
    public static CoolantSample read(byte[] json) {
        return JsonFieldReader.readDocument(json, "a coolant sample", p -> {
            // a low-rate record (one per loop every few seconds): a map keeps this short
            Map<String, Object> f = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "schemaVersion" -> put(f, field, smallInt(p, field));
                    case "eventMs" -> put(f, field, integer(p, field));
                    case "site", "hall", "row", "rack", "loop", "source", "health" -> put(f, field, string(p, field));
                    case "supplyTempC", "returnTempC", "deltaTempC", "flowLpm", "supplyPressureKpa", "returnPressureKpa",
                         "diffPressureKpa", "heatRemovedKw", "rackPowerKw", "coolantLevelPct" -> put(f, field, nullableNumber(p, field));
                    case "pumps" -> put(f, field, readPumps(p));
                    case "leakDetectors" -> put(f, field, readLeaks(p));
                    default -> skipUnknown(p);
                }
            }
            if (!f.containsKey("schemaVersion")) {
                throw missing("schemaVersion");
            }
            if (!f.containsKey("eventMs")) {
                throw missing("eventMs");
            }
            @SuppressWarnings("unchecked")
            List<PumpReading> pumps = (List<PumpReading>) f.get("pumps");
            @SuppressWarnings("unchecked")
            List<LeakDetectorReading> leaks = (List<LeakDetectorReading>) f.get("leakDetectors");
            return new CoolantSample((Integer) f.get("schemaVersion"), (Long) f.get("eventMs"),
                    (String) f.get("site"), (String) f.get("hall"), (String) f.get("row"), (String) f.get("rack"),
                    (String) f.get("loop"), (String) f.get("source"),
                    (Double) f.get("supplyTempC"), (Double) f.get("returnTempC"), (Double) f.get("deltaTempC"),
                    (Double) f.get("flowLpm"), (Double) f.get("supplyPressureKpa"), (Double) f.get("returnPressureKpa"),
                    (Double) f.get("diffPressureKpa"), (Double) f.get("heatRemovedKw"), (Double) f.get("rackPowerKw"),
                    (Double) f.get("coolantLevelPct"),
                    (String) f.get("health"), pumps, leaks);
        });
    }

    /** Puts a field's value, refusing a field given twice in one object. */
    static void put(Map<String, Object> fields, String field, Object value) {
        if (fields.containsKey(field)) {
            throw repeated(field);
        }
        fields.put(field, value);
    }

    private static List<PumpReading> readPumps(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, JsonToken.START_ARRAY, "pumps");
        List<PumpReading> pumps = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                expect(p, JsonToken.START_OBJECT, "pumps[" + pumps.size() + "]");
            }
            try {
                pumps.add(readPump(p));
            } catch (InvalidTelemetryException e) {
                throw e.prefixed("pumps[" + pumps.size() + "].");
            }
        }
        return pumps;
    }

    private static PumpReading readPump(JsonParser p) throws IOException {
        int seen = 0;
        String id = null;
        Double speed = null;
        String health = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            int bit;
            switch (field) {
                case "id" -> { bit = 1; id = string(p, field); }
                case "speedPct" -> { bit = 2; speed = nullableNumber(p, field); }
                case "health" -> { bit = 4; health = string(p, field); }
                default -> { bit = 0; skipUnknown(p); }
            }
            if ((seen & bit) != 0) {
                throw repeated(field);
            }
            seen |= bit;
        }
        return new PumpReading(id, speed, health);
    }

    private static List<LeakDetectorReading> readLeaks(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, JsonToken.START_ARRAY, "leakDetectors");
        List<LeakDetectorReading> leaks = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                expect(p, JsonToken.START_OBJECT, "leakDetectors[" + leaks.size() + "]");
            }
            try {
                leaks.add(readLeak(p));
            } catch (InvalidTelemetryException e) {
                throw e.prefixed("leakDetectors[" + leaks.size() + "].");
            }
        }
        return leaks;
    }

    private static LeakDetectorReading readLeak(JsonParser p) throws IOException {
        int seen = 0;
        String id = null;
        boolean leaking = false;
        String state = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            int bit;
            switch (field) {
                case "id" -> { bit = 1; id = string(p, field); }
                case "leaking" -> {
                    bit = 2;
                    if (!p.currentToken().isBoolean()) {
                        throw malformed("leaking must be a boolean");
                    }
                    leaking = p.getBooleanValue();
                }
                case "state" -> { bit = 4; state = string(p, field); }
                default -> { bit = 0; skipUnknown(p); }
            }
            if ((seen & bit) != 0) {
                throw repeated(field);
            }
            seen |= bit;
        }
        if ((seen & 2) == 0) {
            throw missing("leaking");
        }
        return new LeakDetectorReading(id, leaking, state);
    }

    /** Writes one sample as compact JSON, UTF-8; null readings are omitted. */
    public static byte[] write(CoolantSample s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("schemaVersion", s.schemaVersion());
            g.writeNumberField("eventMs", s.eventMs());
            g.writeStringField("site", s.site());
            g.writeStringField("hall", s.hall());
            g.writeStringField("row", s.row());
            g.writeStringField("rack", s.rack());
            g.writeStringField("loop", s.loop());
            g.writeStringField("source", s.source());
            writeOptional(g, "supplyTempC", s.supplyTempC());
            writeOptional(g, "returnTempC", s.returnTempC());
            writeOptional(g, "deltaTempC", s.deltaTempC());
            writeOptional(g, "flowLpm", s.flowLpm());
            writeOptional(g, "supplyPressureKpa", s.supplyPressureKpa());
            writeOptional(g, "returnPressureKpa", s.returnPressureKpa());
            writeOptional(g, "diffPressureKpa", s.diffPressureKpa());
            writeOptional(g, "heatRemovedKw", s.heatRemovedKw());
            writeOptional(g, "rackPowerKw", s.rackPowerKw());
            writeOptional(g, "coolantLevelPct", s.coolantLevelPct());
            if (s.health() != null) {
                g.writeStringField("health", s.health());
            }
            g.writeArrayFieldStart("pumps");
            for (PumpReading pump : s.pumps()) {
                g.writeStartObject();
                g.writeStringField("id", pump.id());
                writeOptional(g, "speedPct", pump.speedPct());
                if (pump.health() != null) {
                    g.writeStringField("health", pump.health());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("leakDetectors");
            for (LeakDetectorReading leak : s.leakDetectors()) {
                g.writeStartObject();
                g.writeStringField("id", leak.id());
                g.writeBooleanField("leaking", leak.leaking());
                if (leak.state() != null) {
                    g.writeStringField("state", leak.state());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
