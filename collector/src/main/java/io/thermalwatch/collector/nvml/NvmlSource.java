package io.thermalwatch.collector.nvml;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import io.thermalwatch.collector.NodeIdentity;
import io.thermalwatch.collector.TelemetryBatch;
import io.thermalwatch.collector.TelemetrySource;
import io.thermalwatch.collector.UnsupportedReadings;
import io.thermalwatch.model.GpuReading;
import io.thermalwatch.model.NodeSample;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the node's GPUs straight from NVML (the default on a GPU node). Per tick and GPU: power,
 * GPU temperature, HBM temperature (field value {@code NVML_FI_DEV_MEMORY_TEMP}), SM clock,
 * clock-event reasons, utilisation and the enforced power limit (2-3 µs a call, ~14 µs for the
 * field value on an H100). The total-energy counter costs ~3 ms a call, so it is read only every
 * {@code energyInterval}. Name, UUID, serial and thresholds are read once at start.
 *
 * <p>A field a GPU does not support is left null and reported once; a GPU that is lost
 * ({@code NVML_ERROR_GPU_IS_LOST}) is reported and skipped; the other GPUs go on.
 */
public final class NvmlSource implements TelemetrySource {

    private final NvmlLibrary nvml;
    private final NodeIdentity node;
    private final UnsupportedReadings unsupported;
    private final long energyIntervalMs;
    private final List<NvmlGpu> gpus = new ArrayList<>();
    private final Set<Integer> lost = ConcurrentHashMap.newKeySet();
    private long lastEnergyMs = Long.MIN_VALUE;
    private boolean eventReasonsMissing;

    NvmlSource(NvmlLibrary nvml, NodeIdentity node, Duration energyInterval, UnsupportedReadings unsupported) {
        this.nvml = nvml;
        this.node = node;
        this.unsupported = unsupported;
        this.energyIntervalMs = energyInterval.toMillis();
        check(nvml.nvmlInit_v2(), "nvmlInit_v2");
        IntByReference count = new IntByReference();
        check(nvml.nvmlDeviceGetCount_v2(count), "nvmlDeviceGetCount_v2");
        for (int i = 0; i < count.getValue(); i++) {
            PointerByReference handle = new PointerByReference();
            int rc = nvml.nvmlDeviceGetHandleByIndex_v2(i, handle);
            if (rc != NvmlError.SUCCESS) {
                unsupported.report("GPU " + i + ": no handle (" + nvml.nvmlErrorString(rc) + ")");
                continue;
            }
            Pointer h = handle.getValue();
            String uuid = text(h, 96, Kind.UUID);
            if (uuid == null) {
                unsupported.report("GPU " + i + ": no UUID; not read");
                continue;
            }
            gpus.add(new NvmlGpu(i, h, text(h, 96, Kind.NAME), uuid, text(h, 64, Kind.SERIAL),
                    threshold(h, NvmlLibrary.NVML_TEMPERATURE_THRESHOLD_SHUTDOWN),
                    threshold(h, NvmlLibrary.NVML_TEMPERATURE_THRESHOLD_SLOWDOWN),
                    threshold(h, NvmlLibrary.NVML_TEMPERATURE_THRESHOLD_GPU_MAX),
                    threshold(h, NvmlLibrary.NVML_TEMPERATURE_THRESHOLD_MEM_MAX)));
        }
    }

    /** The driver's runtime name; the unversioned {@code libnvidia-ml.so} comes only with development packages. */
    public static final String DEFAULT_LIBRARY = "libnvidia-ml.so.1";

    /**
     * Loads NVML ({@code TW_NVML_LIBRARY}: a file name such as {@code libnvidia-ml.so.1}, a library
     * name such as {@code nvidia-ml}, or a path) and opens it. The default falls back to
     * {@code nvidia-ml} for hosts that only have the unversioned name.
     */
    public static NvmlSource open(String library, NodeIdentity node, Duration energyInterval, UnsupportedReadings unsupported) {
        NvmlLibrary nvml;
        try {
            nvml = Native.load(library, NvmlLibrary.class);
        } catch (UnsatisfiedLinkError e) {
            if (!DEFAULT_LIBRARY.equals(library)) {
                throw cannotLoad(library, e);
            }
            try {
                nvml = Native.load("nvidia-ml", NvmlLibrary.class);
            } catch (UnsatisfiedLinkError again) {
                throw cannotLoad(library, e);
            }
        }
        return new NvmlSource(nvml, node, energyInterval, unsupported);
    }

    private static IllegalStateException cannotLoad(String library, UnsatisfiedLinkError e) {
        return new IllegalStateException("cannot load NVML '" + library + "' (TW_NVML_LIBRARY; is the NVIDIA driver "
                + "installed?): " + e.getMessage().lines().findFirst().orElse(""), e);
    }

    /** The GPUs found at start. */
    List<NvmlGpu> gpus() {
        return List.copyOf(gpus);
    }

    @Override
    public String name() {
        return "nvml";
    }

    @Override
    public TelemetryBatch read(long eventMs) {
        boolean readEnergy = lastEnergyMs == Long.MIN_VALUE || eventMs - lastEnergyMs >= energyIntervalMs;
        if (readEnergy) {
            lastEnergyMs = eventMs;
        }
        List<GpuReading> readings = new ArrayList<>(gpus.size());
        for (NvmlGpu gpu : gpus) {
            if (lost.contains(gpu.index())) {
                continue;
            }
            GpuReading reading = readGpu(gpu, readEnergy);
            if (reading != null) {
                readings.add(reading);
            }
        }
        if (readings.isEmpty()) {
            return TelemetryBatch.ofNodes(List.of());
        }
        return TelemetryBatch.ofNodes(List.of(new NodeSample(NodeSample.SCHEMA_VERSION, eventMs, node.site(), node.hall(),
                node.row(), node.rack(), node.node(), readings)));
    }

    private GpuReading readGpu(NvmlGpu gpu, boolean readEnergy) {
        Pointer h = gpu.handle();
        IntByReference v = new IntByReference();
        int rc = nvml.nvmlDeviceGetPowerUsage(h, v);
        if (rc == NvmlError.GPU_IS_LOST) {
            lost.add(gpu.index());
            unsupported.report("GPU " + gpu.index() + " " + gpu.uuid() + ": lost (NVML_ERROR_GPU_IS_LOST); no longer read");
            return null;
        }
        Double powerW = rc == NvmlError.SUCCESS ? (v.getValue() & 0xFFFF_FFFFL) / 1000.0 : missing(gpu, "power", rc);
        Double tempC = value(gpu, "temperature", nvml.nvmlDeviceGetTemperature(h, NvmlLibrary.NVML_TEMPERATURE_GPU, v), v);
        if (powerW == null || tempC == null) {
            return null;
        }
        Double smMhz = value(gpu, "SM clock", nvml.nvmlDeviceGetClockInfo(h, NvmlLibrary.NVML_CLOCK_SM, v), v);
        Double limitMw = value(gpu, "enforced power limit", nvml.nvmlDeviceGetEnforcedPowerLimit(h, v), v);
        NvmlLibrary.Utilization util = new NvmlLibrary.Utilization();
        rc = nvml.nvmlDeviceGetUtilizationRates(h, util);
        Double utilPct = rc == NvmlError.SUCCESS ? (double) util.gpu : missing(gpu, "utilisation", rc);
        Long energy = null;
        if (readEnergy) {
            LongByReference mj = new LongByReference();
            rc = nvml.nvmlDeviceGetTotalEnergyConsumption(h, mj);
            energy = rc == NvmlError.SUCCESS ? mj.getValue() : null;
            if (rc != NvmlError.SUCCESS) {
                missing(gpu, "energy counter", rc);
            }
        }
        return new GpuReading(gpu.index(), gpu.uuid(), gpu.name(), powerW, tempC, hbmTemp(gpu),
                smMhz == null ? null : smMhz.intValue(), reasons(gpu), utilPct, limitMw == null ? null : limitMw / 1000.0,
                gpu.slowdownC(), gpu.shutdownC(), gpu.gpuMaxC(), gpu.memMaxC(), energy);
    }

    private Double hbmTemp(NvmlGpu gpu) {
        NvmlLibrary.FieldValue[] values = (NvmlLibrary.FieldValue[]) new NvmlLibrary.FieldValue().toArray(1);
        values[0].fieldId = NvmlLibrary.NVML_FI_DEV_MEMORY_TEMP;
        int rc = nvml.nvmlDeviceGetFieldValues(gpu.handle(), 1, values);
        if (rc != NvmlError.SUCCESS) {
            return missing(gpu, "HBM temperature", rc);
        }
        values[0].read();
        if (values[0].nvmlReturn != NvmlError.SUCCESS) {
            return missing(gpu, "HBM temperature", values[0].nvmlReturn);
        }
        return values[0].asDouble();
    }

    private long reasons(NvmlGpu gpu) {
        LongByReference r = new LongByReference();
        int rc;
        if (!eventReasonsMissing) {
            try {
                rc = nvml.nvmlDeviceGetCurrentClocksEventReasons(gpu.handle(), r);
            } catch (UnsatisfiedLinkError e) {
                eventReasonsMissing = true; // a driver older than R535
                rc = nvml.nvmlDeviceGetCurrentClocksThrottleReasons(gpu.handle(), r);
            }
        } else {
            rc = nvml.nvmlDeviceGetCurrentClocksThrottleReasons(gpu.handle(), r);
        }
        if (rc != NvmlError.SUCCESS) {
            missing(gpu, "clock-event reasons", rc);
            return 0;
        }
        return r.getValue();
    }

    private Double value(NvmlGpu gpu, String what, int rc, IntByReference v) {
        return rc == NvmlError.SUCCESS ? (double) (v.getValue() & 0xFFFF_FFFFL) : missing(gpu, what, rc);
    }

    private Double missing(NvmlGpu gpu, String what, int rc) {
        unsupported.report("GPU " + gpu.index() + " " + gpu.uuid() + ": " + what + " (" + nvml.nvmlErrorString(rc) + ")");
        return null;
    }

    private Double threshold(Pointer h, int type) {
        IntByReference v = new IntByReference();
        return nvml.nvmlDeviceGetTemperatureThreshold(h, type, v) == NvmlError.SUCCESS ? (double) v.getValue() : null;
    }

    private enum Kind { NAME, UUID, SERIAL }

    private String text(Pointer h, int size, Kind kind) {
        byte[] buf = new byte[size];
        int rc = switch (kind) {
            case NAME -> nvml.nvmlDeviceGetName(h, buf, size);
            case UUID -> nvml.nvmlDeviceGetUUID(h, buf, size);
            case SERIAL -> nvml.nvmlDeviceGetSerial(h, buf, size);
        };
        if (rc != NvmlError.SUCCESS) {
            return null;
        }
        int end = 0;
        while (end < buf.length && buf[end] != 0) {
            end++;
        }
        return new String(buf, 0, end, StandardCharsets.UTF_8);
    }

    private static void check(int rc, String call) {
        if (rc != NvmlError.SUCCESS) {
            throw new IllegalStateException(call + " failed with NVML error " + rc);
        }
    }

    @Override
    public void close() {
        nvml.nvmlShutdown();
    }
}
