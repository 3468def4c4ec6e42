package io.thermalwatch.model;

import static io.thermalwatch.model.JsonFieldReader.FACTORY;
import static io.thermalwatch.model.JsonFieldReader.expect;
import static io.thermalwatch.model.JsonFieldReader.integer;
import static io.thermalwatch.model.JsonFieldReader.malformed;
import static io.thermalwatch.model.JsonFieldReader.missing;
import static io.thermalwatch.model.JsonFieldReader.nullableNumber;
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

    /** @throws InvalidTelemetryException naming the bad or missing field */
    public static CoolantSample read(byte[] json) {
        return JsonFieldReader.readDocument(json, "a coolant sample", p -> {
            Map<String, Object> f = new HashMap<>();
            List<PumpReading> pumps = List.of();
            List<LeakDetectorReading> leaks = List.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "schemaVersion" -> f.put(field, smallInt(p, field));
                    case "eventMs" -> f.put(field, integer(p, field));
                    case "site", "hall", "row", "rack", "loop", "source", "health" -> f.put(field, string(p, field));
                    case "supplyTempC", "returnTempC", "deltaTempC", "flowLpm", "supplyPressureKpa", "returnPressureKpa",
                         "diffPressureKpa", "heatRemovedKw", "rackPowerKw", "coolantLevelPct" -> f.put(field, nullableNumber(p, field));
                    case "pumps" -> pumps = readPumps(p);
                    case "leakDetectors" -> leaks = readLeaks(p);
                    default -> p.skipChildren();
                }
            }
            if (!f.containsKey("schemaVersion")) {
                throw missing("schemaVersion");
            }
            if (!f.containsKey("eventMs")) {
                throw missing("eventMs");
            }
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

    private static List<PumpReading> readPumps(JsonParser p) throws IOException {
        expect(p, JsonToken.START_ARRAY, "pumps");
        List<PumpReading> pumps = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            expect(p, JsonToken.START_OBJECT, "pumps[" + pumps.size() + "]");
            String id = null;
            Double speed = null;
            String health = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "id" -> id = string(p, field);
                    case "speedPct" -> speed = nullableNumber(p, field);
                    case "health" -> health = string(p, field);
                    default -> p.skipChildren();
                }
            }
            pumps.add(new PumpReading(id, speed, health));
        }
        return pumps;
    }

    private static List<LeakDetectorReading> readLeaks(JsonParser p) throws IOException {
        expect(p, JsonToken.START_ARRAY, "leakDetectors");
        List<LeakDetectorReading> leaks = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            expect(p, JsonToken.START_OBJECT, "leakDetectors[" + leaks.size() + "]");
            String id = null;
            Boolean leaking = null;
            String state = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "id" -> id = string(p, field);
                    case "leaking" -> {
                        if (!p.currentToken().isBoolean()) {
                            throw malformed("leakDetectors[" + leaks.size() + "].leaking must be a boolean");
                        }
                        leaking = p.getBooleanValue();
                    }
                    case "state" -> state = string(p, field);
                    default -> p.skipChildren();
                }
            }
            if (leaking == null) {
                throw missing("leakDetectors[" + leaks.size() + "].leaking");
            }
            leaks.add(new LeakDetectorReading(id, leaking, state));
        }
        return leaks;
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
