package io.thermalwatch.collector.nvml;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
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
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * Reads the node's GPUs straight from NVML (the default on a GPU node). Per tick and GPU: power,
 * GPU temperature ({@link NvmlTemperature}), SM clock, clock-event reasons, utilisation, the
 * enforced power limit (2-3 µs a call on an H100) and one field-value call (~14 µs) for the HBM
 * temperature and, on Grace-Blackwell, module power. The total-energy counter costs ~3 ms a call,
 * so it is read only every {@code energyInterval}. Name, UUID, serial, thresholds
 * ({@link NvmlThresholds}) and module-power support are read once at start.
 *
 * <p>A function the driver does not export costs only the readings that need it; a field a GPU
 * does not support is left null (absent on the wire, never 0) and reported once; a GPU that is
 * lost ({@code NVML_ERROR_GPU_IS_LOST}) is reported and skipped; the other GPUs go on.
 */
public final class NvmlSource implements TelemetrySource {

    /** The driver's runtime name; the unversioned {@code libnvidia-ml.so} comes only with development packages. */
    public static final String DEFAULT_LIBRARY = "libnvidia-ml.so.1";

    private final NvmlLibrary nvml;
    private final Predicate<String> exported;
    private final NodeIdentity node;
    private final UnsupportedReadings unsupported;
    private final long energyIntervalMs;
    private final NvmlTemperature temperature;
    private final NvmlReads reads;
    private final List<NvmlGpu> gpus = new ArrayList<>();
    private final Set<Integer> lost = ConcurrentHashMap.newKeySet();
    private long lastEnergyMs = Long.MIN_VALUE;

    NvmlSource(NvmlLibrary nvml, Predicate<String> exported, NodeIdentity node, Duration energyInterval,
               UnsupportedReadings unsupported) {
        this.nvml = nvml;
        this.exported = exported;
        this.node = node;
        this.unsupported = unsupported;
        this.energyIntervalMs = energyInterval.toMillis();
        this.temperature = new NvmlTemperature(nvml, exported);
        this.reads = new NvmlReads(nvml, exported);
        check(nvml.nvmlInit_v2(), "nvmlInit_v2");
        try {
            findGpus();
        } catch (RuntimeException e) {
            nvml.nvmlShutdown(); // NVML counts inits: a failed start must not leave ours open
            throw e;
        }
    }

    private void findGpus() {
        IntByReference count = new IntByReference();
        check(nvml.nvmlDeviceGetCount_v2(count), "nvmlDeviceGetCount_v2");
        NvmlThresholds thresholds = new NvmlThresholds(nvml, exported, temperature);
        for (int i = 0; i < count.getValue(); i++) {
            PointerByReference handle = new PointerByReference();
            int rc = nvml.nvmlDeviceGetHandleByIndex_v2(i, handle);
            if (rc != NvmlError.SUCCESS) {
                unsupported.report("GPU " + i + ": no handle (" + NvmlError.describe(nvml, rc) + ")");
                continue;
            }
            Pointer h = handle.getValue();
            String uuid = text(h, 96, Kind.UUID);
            if (uuid == null) {
                unsupported.report("GPU " + i + ": no UUID; not read");
                continue;
            }
            String prefix = "GPU " + i + " " + uuid + ": ";
            NvmlThresholds.Values t = thresholds.read(h, what -> unsupported.report(prefix + what));
            NvmlReads.Fields probe = reads.fields(h, true);
            boolean module = probe.modulePowerW() != null;
            LoggerFactory.getLogger(NvmlSource.class).info("nvml: {}{}", prefix, module
                    ? "reports module power (Grace-Blackwell); published as modulePowerW"
                    : "no module power scope (" + probe.modulePowerWhy() + "); GPU power only");
            gpus.add(new NvmlGpu(i, h, text(h, 96, Kind.NAME), uuid, text(h, 64, Kind.SERIAL),
                    t.shutdownC(), t.slowdownC(), t.gpuMaxC(), t.hbmMaxC(), module));
        }
    }

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
        return new NvmlSource(nvml, NvmlSymbols.of(nvml), node, energyInterval, unsupported);
    }

    private static IllegalStateException cannotLoad(String library, UnsatisfiedLinkError e) {
        // JNA's message is "Unable to load library 'X':" followed by one line per place it tried
        String tried = e.getMessage() == null ? "" : e.getMessage().lines().skip(1).map(String::trim)
                .filter(l -> !l.isEmpty()).findFirst().map(l -> " (" + l + ")").orElse("");
        return new IllegalStateException("cannot load NVML library '" + library + "'" + tried
                + ". Is the NVIDIA driver installed on this host (nvidia-smi works)? Is the library where the loader"
                + " looks (ldconfig -p | grep nvidia-ml)? Else set TW_NVML_LIBRARY to its full path,"
                + " e.g. /usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1", e);
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
        NvmlReads.Value power = reads.power(h);
        if (power.rc() == NvmlError.GPU_IS_LOST) {
            lost.add(gpu.index());
            unsupported.report("GPU " + gpu.index() + " " + gpu.uuid() + ": lost (NVML_ERROR_GPU_IS_LOST); no longer read");
            return null;
        }
        Double powerW = power.ok() ? power.value() / 1000.0 : missing(gpu, "power", power.why());
        NvmlTemperature.Result temp = temperature.read(h);
        Double tempC = temp.celsius() != null ? temp.celsius() : missing(gpu, "temperature", temp.why());
        if (powerW == null || tempC == null) {
            return null;
        }
        NvmlReads.Value sm = reads.smClock(h);
        NvmlReads.Value limit = reads.powerLimit(h);
        NvmlReads.Value util = reads.utilisation(h);
        NvmlReads.Value reasons = reads.clockEventReasons(h);
        NvmlReads.Fields fields = reads.fields(h, gpu.modulePower());
        Long energy = null;
        if (readEnergy) {
            NvmlReads.Value mj = reads.energy(h);
            energy = mj.ok() ? mj.value() : null;
            note(gpu, "energy counter", mj);
        }
        note(gpu, "SM clock", sm);
        note(gpu, "enforced power limit", limit);
        note(gpu, "utilisation", util);
        note(gpu, "clock-event reasons", reasons);
        if (fields.hbmTempC() == null) {
            missing(gpu, "HBM temperature", fields.hbmTempWhy());
        }
        if (gpu.modulePower() && fields.modulePowerW() == null) {
            missing(gpu, "module power", fields.modulePowerWhy());
        }
        return new GpuReading(gpu.index(), gpu.uuid(), gpu.name(), powerW, tempC, fields.hbmTempC(),
                sm.ok() ? (int) sm.value() : null, reasons.ok() ? reasons.value() : null,
                util.ok() ? (double) util.value() : null, limit.ok() ? limit.value() / 1000.0 : null,
                gpu.slowdownC(), gpu.shutdownC(), gpu.gpuMaxC(), gpu.memMaxC(), energy, fields.modulePowerW());
    }

    private void note(NvmlGpu gpu, String what, NvmlReads.Value v) {
        if (!v.ok()) {
            missing(gpu, what, v.why());
        }
    }

    private Double missing(NvmlGpu gpu, String what, String why) {
        unsupported.report("GPU " + gpu.index() + " " + gpu.uuid() + ": " + what + " (" + why + ")");
        return null;
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

    private void check(int rc, String call) {
        if (rc != NvmlError.SUCCESS) {
            throw new IllegalStateException(call + " failed: " + NvmlError.describe(nvml, rc));
        }
    }

    @Override
    public void close() {
        nvml.nvmlShutdown();
    }
}
