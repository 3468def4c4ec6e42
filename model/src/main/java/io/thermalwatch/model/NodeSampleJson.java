package io.thermalwatch.model;

import static io.thermalwatch.model.JsonFieldReader.FACTORY;
import static io.thermalwatch.model.JsonFieldReader.expect;
import static io.thermalwatch.model.JsonFieldReader.integer;
import static io.thermalwatch.model.JsonFieldReader.malformed;
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
import java.util.ArrayList;
import java.util.List;

/**
 * JSON form of {@link NodeSample} (schema {@code schema/node-sample.v1.schema.json}, documented in
 * {@code docs/schema.md}). Unknown fields are ignored so that producers may add fields; null
 * optional fields are omitted on write.
 */
public final class NodeSampleJson {

    private NodeSampleJson() {
    }

    /**
     * Parses and validates one sample.
     *
     * @throws InvalidTelemetryException naming the field and the {@link RejectReason}
     */
    public static NodeSample read(byte[] json) {
        return JsonFieldReader.readDocument(json, "a node sample", NodeSampleJson::readSample);
    }

    private static NodeSample readSample(JsonParser p) throws IOException {
        Integer version = null;
        Long eventMs = null;
        String site = null;
        String hall = null;
        String row = null;
        String rack = null;
        String node = null;
        List<GpuReading> gpus = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "schemaVersion" -> version = smallInt(p, field);
                case "eventMs" -> eventMs = integer(p, field);
                case "site" -> site = string(p, field);
                case "hall" -> hall = string(p, field);
                case "row" -> row = string(p, field);
                case "rack" -> rack = string(p, field);
                case "node" -> node = string(p, field);
                case "gpus" -> gpus = readGpus(p);
                default -> p.skipChildren();
            }
        }
        if (version == null) {
            throw missing("schemaVersion");
        }
        if (eventMs == null) {
            throw missing("eventMs");
        }
        if (gpus == null) {
            throw missing("gpus");
        }
        return new NodeSample(version, eventMs, site, hall, row, rack, node, gpus);
    }

    private static List<GpuReading> readGpus(JsonParser p) throws IOException {
        expect(p, JsonToken.START_ARRAY, "gpus");
        List<GpuReading> gpus = new ArrayList<>(8);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            // the "gpus[i]" names are built only on failure: this loop is the streams app's hot path
            if (p.currentToken() != JsonToken.START_OBJECT) {
                expect(p, JsonToken.START_OBJECT, "gpus[" + gpus.size() + "]");
            }
            try {
                gpus.add(readGpu(p));
            } catch (InvalidTelemetryException e) {
                throw e.prefixed("gpus[" + gpus.size() + "].");
            }
        }
        return gpus;
    }

    private static GpuReading readGpu(JsonParser p) throws IOException {
        Integer index = null;
        String uuid = null;
        String model = null;
        Double powerW = null;
        Double gpuTempC = null;
        Double hbmTempC = null;
        Integer smClockMhz = null;
        Long reasons = null;
        Double modulePowerW = null;
        Double utilizationPct = null;
        Double powerLimitW = null;
        Double slowdownTempC = null;
        Double shutdownTempC = null;
        Double gpuMaxTempC = null;
        Double hbmMaxTempC = null;
        Long energyMj = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "index" -> index = smallInt(p, field);
                case "uuid" -> uuid = string(p, field);
                case "model" -> model = string(p, field);
                case "powerW" -> powerW = number(p, field);
                case "gpuTempC" -> gpuTempC = number(p, field);
                case "hbmTempC" -> hbmTempC = nullableNumber(p, field);
                case "smClockMhz" -> smClockMhz = nullableInt(p, field);
                case "clockEventReasons" -> reasons = p.currentToken() == JsonToken.VALUE_NULL ? null : integer(p, field);
                case "modulePowerW" -> modulePowerW = nullableNumber(p, field);
                case "utilizationPct" -> utilizationPct = nullableNumber(p, field);
                case "powerLimitW" -> powerLimitW = nullableNumber(p, field);
                case "slowdownTempC" -> slowdownTempC = nullableNumber(p, field);
                case "shutdownTempC" -> shutdownTempC = nullableNumber(p, field);
                case "gpuMaxTempC" -> gpuMaxTempC = nullableNumber(p, field);
                case "hbmMaxTempC" -> hbmMaxTempC = nullableNumber(p, field);
                case "energyMj" -> energyMj = p.currentToken() == JsonToken.VALUE_NULL ? null : integer(p, field);
                default -> p.skipChildren();
            }
        }
        if (index == null) {
            throw missing("index");
        }
        if (powerW == null) {
            throw missing("powerW");
        }
        if (gpuTempC == null) {
            throw missing("gpuTempC");
        }
        return new GpuReading(index, uuid, model, powerW, gpuTempC, hbmTempC, smClockMhz, reasons,
                utilizationPct, powerLimitW, slowdownTempC, shutdownTempC, gpuMaxTempC, hbmMaxTempC, energyMj, modulePowerW);
    }

    /** Writes one sample as compact JSON, UTF-8. */
    public static byte[] write(NodeSample sample) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(160 + 320 * sample.gpus().size());
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("schemaVersion", sample.schemaVersion());
            g.writeNumberField("eventMs", sample.eventMs());
            g.writeStringField("site", sample.site());
            g.writeStringField("hall", sample.hall());
            g.writeStringField("row", sample.row());
            g.writeStringField("rack", sample.rack());
            g.writeStringField("node", sample.node());
            g.writeArrayFieldStart("gpus");
            for (GpuReading gpu : sample.gpus()) {
                writeGpu(g, gpu);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeGpu(JsonGenerator g, GpuReading gpu) throws IOException {
        g.writeStartObject();
        g.writeNumberField("index", gpu.index());
        g.writeStringField("uuid", gpu.uuid());
        g.writeStringField("model", gpu.model());
        g.writeNumberField("powerW", gpu.powerW());
        g.writeNumberField("gpuTempC", gpu.gpuTempC());
        writeOptional(g, "hbmTempC", gpu.hbmTempC());
        if (gpu.smClockMhz() != null) {
            g.writeNumberField("smClockMhz", gpu.smClockMhz());
        }
        if (gpu.clockEventReasons() != null) {
            g.writeNumberField("clockEventReasons", gpu.clockEventReasons());
        }
        writeOptional(g, "utilizationPct", gpu.utilizationPct());
        writeOptional(g, "powerLimitW", gpu.powerLimitW());
        writeOptional(g, "slowdownTempC", gpu.slowdownTempC());
        writeOptional(g, "shutdownTempC", gpu.shutdownTempC());
        writeOptional(g, "gpuMaxTempC", gpu.gpuMaxTempC());
        writeOptional(g, "hbmMaxTempC", gpu.hbmMaxTempC());
        if (gpu.energyMj() != null) {
            g.writeNumberField("energyMj", gpu.energyMj());
        }
        writeOptional(g, "modulePowerW", gpu.modulePowerW());
        g.writeEndObject();
    }

    static void writeOptional(JsonGenerator g, String field, Double value) throws IOException {
        if (value != null) {
            g.writeNumberField(field, value);
        }
    }
}
