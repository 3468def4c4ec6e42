package io.thermalwatch.model;

import static io.thermalwatch.model.JsonFieldReader.FACTORY;
import static io.thermalwatch.model.JsonFieldReader.integer;
import static io.thermalwatch.model.JsonFieldReader.missing;
import static io.thermalwatch.model.JsonFieldReader.nullableInt;
import static io.thermalwatch.model.JsonFieldReader.nullableNumber;
import static io.thermalwatch.model.JsonFieldReader.number;
import static io.thermalwatch.model.JsonFieldReader.smallInt;
import static io.thermalwatch.model.JsonFieldReader.string;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** JSON form of {@link RackAggregate} (schema {@code schema/rack-aggregate.v1.schema.json}). */
public final class RackAggregateJson {

    private RackAggregateJson() {
    }

    /**
     * Parses and validates one aggregate; maxHbmTempC given as null is absent, a field given twice
     * is refused.
     *
     * @throws InvalidTelemetryException naming the bad or missing field
     */
    public static RackAggregate read(byte[] json) {
        return JsonFieldReader.readDocument(json, "a rack aggregate", p -> {
            Map<String, Object> f = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "schemaVersion", "nodesReporting", "gpusReporting", "thermalThrottledGpus" ->
                            CoolantSampleJson.put(f, field, smallInt(p, field));
                    case "windowStartMs", "windowEndMs", "samples" -> CoolantSampleJson.put(f, field, integer(p, field));
                    case "site", "hall", "row", "rack" -> CoolantSampleJson.put(f, field, string(p, field));
                    case "totalPowerW", "meanGpuTempC", "maxGpuTempC" -> CoolantSampleJson.put(f, field, number(p, field));
                    case "maxHbmTempC", "powerBudgetKw", "powerBudgetPct", "supplyTempC",
                         "returnTempC", "deltaTempC", "flowLpm", "heatRemovedKw", "captureRatio" ->
                            CoolantSampleJson.put(f, field, nullableNumber(p, field));
                    case "expectedNodes", "expectedGpus", "powerCappedGpus", "powerBrakedGpus" ->
                            CoolantSampleJson.put(f, field, nullableInt(p, field));
                    case "minSlowdownMargin" -> CoolantSampleJson.put(f, field, readMargin(p));
                    default -> JsonFieldReader.skipUnknown(p);
                }
            }
            return new RackAggregate(
                    (Integer) required(f, "schemaVersion"),
                    (String) f.get("site"), (String) f.get("hall"), (String) f.get("row"), (String) f.get("rack"),
                    (Long) required(f, "windowStartMs"), (Long) required(f, "windowEndMs"),
                    (Integer) required(f, "nodesReporting"), (Integer) required(f, "gpusReporting"),
                    (Long) required(f, "samples"),
                    (Double) required(f, "totalPowerW"), (Double) required(f, "meanGpuTempC"),
                    (Double) required(f, "maxGpuTempC"), (Double) f.get("maxHbmTempC"),
                    (Integer) required(f, "thermalThrottledGpus"),
                    (Integer) f.get("expectedNodes"), (Integer) f.get("expectedGpus"),
                    (Integer) f.get("powerCappedGpus"), (Integer) f.get("powerBrakedGpus"),
                    (RackAggregate.Margin) f.get("minSlowdownMargin"),
                    (Double) f.get("powerBudgetKw"), (Double) f.get("powerBudgetPct"),
                    (Double) f.get("supplyTempC"), (Double) f.get("returnTempC"), (Double) f.get("deltaTempC"),
                    (Double) f.get("flowLpm"), (Double) f.get("heatRemovedKw"), (Double) f.get("captureRatio"));
        });
    }

    private static RackAggregate.Margin readMargin(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        JsonFieldReader.expect(p, JsonToken.START_OBJECT, "minSlowdownMargin");
        Map<String, Object> f = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "marginC" -> CoolantSampleJson.put(f, field, number(p, "minSlowdownMargin.marginC"));
                case "node" -> CoolantSampleJson.put(f, field, string(p, "minSlowdownMargin.node"));
                case "gpu" -> CoolantSampleJson.put(f, field, smallInt(p, "minSlowdownMargin.gpu"));
                default -> JsonFieldReader.skipUnknown(p);
            }
        }
        return new RackAggregate.Margin((Double) requiredIn(f, "marginC"), (String) requiredIn(f, "node"),
                (Integer) requiredIn(f, "gpu"));
    }

    private static Object requiredIn(Map<String, Object> fields, String name) {
        Object v = fields.get(name);
        if (v == null) {
            throw missing("minSlowdownMargin." + name);
        }
        return v;
    }

    private static Object required(Map<String, Object> fields, String name) {
        Object v = fields.get(name);
        if (v == null) {
            throw missing(name);
        }
        return v;
    }

    private static void writeOptional(JsonGenerator g, String field, Integer value) throws IOException {
        if (value != null) {
            g.writeNumberField(field, value);
        }
    }

    /** Writes one aggregate as compact JSON, UTF-8. */
    public static byte[] write(RackAggregate a) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(768);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("schemaVersion", a.schemaVersion());
            g.writeStringField("site", a.site());
            g.writeStringField("hall", a.hall());
            g.writeStringField("row", a.row());
            g.writeStringField("rack", a.rack());
            g.writeNumberField("windowStartMs", a.windowStartMs());
            g.writeNumberField("windowEndMs", a.windowEndMs());
            g.writeNumberField("nodesReporting", a.nodesReporting());
            g.writeNumberField("gpusReporting", a.gpusReporting());
            g.writeNumberField("samples", a.samples());
            g.writeNumberField("totalPowerW", a.totalPowerW());
            g.writeNumberField("meanGpuTempC", a.meanGpuTempC());
            g.writeNumberField("maxGpuTempC", a.maxGpuTempC());
            NodeSampleJson.writeOptional(g, "maxHbmTempC", a.maxHbmTempC());
            g.writeNumberField("thermalThrottledGpus", a.thermalThrottledGpus());
            writeOptional(g, "expectedNodes", a.expectedNodes());
            writeOptional(g, "expectedGpus", a.expectedGpus());
            writeOptional(g, "powerCappedGpus", a.powerCappedGpus());
            writeOptional(g, "powerBrakedGpus", a.powerBrakedGpus());
            if (a.minSlowdownMargin() != null) {
                g.writeObjectFieldStart("minSlowdownMargin");
                g.writeNumberField("marginC", a.minSlowdownMargin().marginC());
                g.writeStringField("node", a.minSlowdownMargin().node());
                g.writeNumberField("gpu", a.minSlowdownMargin().gpu());
                g.writeEndObject();
            }
            NodeSampleJson.writeOptional(g, "powerBudgetKw", a.powerBudgetKw());
            NodeSampleJson.writeOptional(g, "powerBudgetPct", a.powerBudgetPct());
            NodeSampleJson.writeOptional(g, "supplyTempC", a.supplyTempC());
            NodeSampleJson.writeOptional(g, "returnTempC", a.returnTempC());
            NodeSampleJson.writeOptional(g, "deltaTempC", a.deltaTempC());
            NodeSampleJson.writeOptional(g, "flowLpm", a.flowLpm());
            NodeSampleJson.writeOptional(g, "heatRemovedKw", a.heatRemovedKw());
            NodeSampleJson.writeOptional(g, "captureRatio", a.captureRatio());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
