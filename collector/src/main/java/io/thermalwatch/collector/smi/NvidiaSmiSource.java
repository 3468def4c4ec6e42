package io.thermalwatch.collector.smi;

import io.thermalwatch.collector.NodeIdentity;
import io.thermalwatch.collector.TelemetryBatch;
import io.thermalwatch.collector.TelemetrySource;
import io.thermalwatch.collector.UnsupportedReadings;
import io.thermalwatch.model.GpuReading;
import io.thermalwatch.model.NodeSample;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code nvidia-smi -q -x} each tick and turns its GPUs into one node sample, for hosts where
 * a native NVML binding is unwanted. Costs a process start per tick (~100 ms on a real host), so
 * it suits intervals of a second or more. v13's T.Limit thresholds come through
 * {@link TLimitEstimator}: null until a steady tick (or a {@code TW_SMI_TLIMIT_C} override) gives
 * the card's T.Limit.
 */
public final class NvidiaSmiSource implements TelemetrySource {

    private final List<String> command;
    private final Duration timeout;
    private final NodeIdentity node;
    private final UnsupportedReadings unsupported;
    private final TLimitEstimator tLimits;

    /** A source without T.Limit overrides. */
    public NvidiaSmiSource(List<String> command, Duration timeout, NodeIdentity node, UnsupportedReadings unsupported) {
        this(command, timeout, node, unsupported, Map.of());
    }

    /** @param tLimitOverrides T.Limit, °C, by GPU model ({@code TW_SMI_TLIMIT_C}), see {@link TLimitEstimator} */
    public NvidiaSmiSource(List<String> command, Duration timeout, NodeIdentity node, UnsupportedReadings unsupported,
                           Map<String, Double> tLimitOverrides) {
        this.command = List.copyOf(command);
        this.timeout = timeout;
        this.node = node;
        this.unsupported = unsupported;
        this.tLimits = new TLimitEstimator(tLimitOverrides);
    }

    @Override
    public String name() {
        return "nvidia-smi";
    }

    @Override
    public TelemetryBatch read(long eventMs) {
        List<SmiGpu> gpus;
        try {
            gpus = NvidiaSmiXml.parse(new ByteArrayInputStream(run()));
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command) + ": " + e.getMessage(), e);
        }
        List<GpuReading> readings = new ArrayList<>(gpus.size());
        for (SmiGpu gpu : gpus) {
            Optional<GpuReading> reading = gpu.toReading(tLimits.observe(gpu));
            if (reading.isPresent()) {
                readings.add(reading.get());
            } else {
                unsupported.report("GPU " + gpu.index() + " " + gpu.uuid() + " (" + gpu.productName() + "): no "
                        + gpu.missingRequired().trim());
            }
        }
        if (readings.isEmpty()) {
            return TelemetryBatch.ofNodes(List.of());
        }
        return TelemetryBatch.ofNodes(List.of(new NodeSample(NodeSample.SCHEMA_VERSION, eventMs, node.site(), node.hall(),
                node.row(), node.rack(), node.node(), readings)));
    }

    private byte[] run() throws IOException {
        Process process = new ProcessBuilder(command).start();
        // read output on another thread so that a hung nvidia-smi cannot outlive the timeout
        java.util.concurrent.CompletableFuture<byte[]> out = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return process.getInputStream().readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("timed out after " + timeout.toMillis() + " ms");
            }
            if (process.exitValue() != 0) {
                String err = new String(process.getErrorStream().readAllBytes()).trim();
                throw new IOException("exit code " + process.exitValue() + (err.isEmpty() ? "" : ": " + err));
            }
            return out.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("cannot read its output: " + e.getMessage(), e);
        }
    }
}
