package io.thermalwatch.model;

import static io.thermalwatch.model.JsonFieldReader.FACTORY;
import static io.thermalwatch.model.JsonFieldReader.expect;
import static io.thermalwatch.model.JsonFieldReader.integer;
import static io.thermalwatch.model.JsonFieldReader.missing;
import static io.thermalwatch.model.JsonFieldReader.nullableInt;
import static io.thermalwatch.model.JsonFieldReader.nullableLong;
import static io.thermalwatch.model.JsonFieldReader.nullableNumber;
import static io.thermalwatch.model.JsonFieldReader.number;
import static io.thermalwatch.model.JsonFieldReader.repeated;
import static io.thermalwatch.model.JsonFieldReader.skipUnknown;
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
 * {@code docs/schema.md}). Unknown fields are ignored so that producers may add fields; an optional
 * field given as null is absent; null optional fields are omitted on write. A known field given twice
 * in one object is refused.
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
        int seen = 0; // one bit per known field: presence, and a repeat is refused
        int version = 0;
        long eventMs = 0;
        String site = null;
        String hall = null;
        String row = null;
        String rack = null;
        String node = null;
        List<GpuReading> gpus = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            int bit;
            switch (field) {
                case "schemaVersion" -> { bit = 1; version = smallInt(p, field); }
                case "eventMs" -> { bit = 1 << 1; eventMs = integer(p, field); }
                case "site" -> { bit = 1 << 2; site = string(p, field); }
                case "hall" -> { bit = 1 << 3; hall = string(p, field); }
                case "row" -> { bit = 1 << 4; row = string(p, field); }
                case "rack" -> { bit = 1 << 5; rack = string(p, field); }
                case "node" -> { bit = 1 << 6; node = string(p, field); }
                case "gpus" -> { bit = 1 << 7; gpus = readGpus(p); }
                default -> { bit = 0; skipUnknown(p); }
            }
            if ((seen & bit) != 0) {
                throw repeated(field);
            }
            seen |= bit;
        }
        if ((seen & 1) == 0) {
            throw missing("schemaVersion");
        }
        if ((seen & 1 << 1) == 0) {
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
        int seen = 0;
        int index = 0;
        String uuid = null;
        String model = null;
        double powerW = 0;
        double gpuTempC = 0;
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
            int bit;
            switch (field) {
                case "index" -> { bit = 1; index = smallInt(p, field); }
                case "powerW" -> { bit = 1 << 1; powerW = number(p, field); }
                case "gpuTempC" -> { bit = 1 << 2; gpuTempC = number(p, field); }
                case "uuid" -> { bit = 1 << 3; uuid = string(p, field); }
                case "model" -> { bit = 1 << 4; model = string(p, field); }
                case "hbmTempC" -> { bit = 1 << 5; hbmTempC = nullableNumber(p, field); }
                case "smClockMhz" -> { bit = 1 << 6; smClockMhz = nullableInt(p, field); }
                case "clockEventReasons" -> { bit = 1 << 7; reasons = nullableLong(p, field); }
                case "modulePowerW" -> { bit = 1 << 8; modulePowerW = nullableNumber(p, field); }
                case "utilizationPct" -> { bit = 1 << 9; utilizationPct = nullableNumber(p, field); }
                case "powerLimitW" -> { bit = 1 << 10; powerLimitW = nullableNumber(p, field); }
                case "slowdownTempC" -> { bit = 1 << 11; slowdownTempC = nullableNumber(p, field); }
                case "shutdownTempC" -> { bit = 1 << 12; shutdownTempC = nullableNumber(p, field); }
                case "gpuMaxTempC" -> { bit = 1 << 13; gpuMaxTempC = nullableNumber(p, field); }
                case "hbmMaxTempC" -> { bit = 1 << 14; hbmMaxTempC = nullableNumber(p, field); }
                case "energyMj" -> { bit = 1 << 15; energyMj = nullableLong(p, field); }
                default -> { bit = 0; skipUnknown(p); }
            }
            if ((seen & bit) != 0) {
                throw repeated(field);
            }
            seen |= bit;
        }
        if ((seen & 1) == 0) {
            throw missing("index");
        }
        if ((seen & 1 << 1) == 0) {
            throw missing("powerW");
        }
        if ((seen & 1 << 2) == 0) {
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
