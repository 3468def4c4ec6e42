package io.thermalwatch.collector.smi;

import io.thermalwatch.model.GpuReading;
import java.util.Optional;

/**
 * One {@code <gpu>} of {@code nvidia-smi -q -x}, as read: every value nullable ("N/A", absent or
 * unparseable in the XML). Units as in {@link GpuReading}.
 *
 * @param clockEventReasons NVML bitmask rebuilt from the {@code clocks_event_reasons} (v13) or
 *                          {@code clocks_throttle_reasons} (older) elements; null if neither is present
 * @param migEnabled        MIG mode is on (readings are per physical GPU either way)
 */
public record SmiGpu(
        int index,
        String uuid,
        String productName,
        Double powerW,
        Double gpuTempC,
        Double hbmTempC,
        Integer smClockMhz,
        Long clockEventReasons,
        Double utilizationPct,
        Double powerLimitW,
        Double slowdownTempC,
        Double shutdownTempC,
        Double gpuMaxTempC,
        Double hbmMaxTempC,
        boolean migEnabled) {

    /**
     * The wire reading, or empty when a required value (UUID, power, GPU temperature) is missing:
     * some consumer cards report no power draw.
     */
    public Optional<GpuReading> toReading() {
        if (uuid == null || powerW == null || gpuTempC == null) {
            return Optional.empty();
        }
        return Optional.of(new GpuReading(index, uuid, productName, powerW, gpuTempC, hbmTempC, smClockMhz,
                clockEventReasons, utilizationPct, powerLimitW, slowdownTempC,
                shutdownTempC, gpuMaxTempC, hbmMaxTempC));
    }

    /** What is missing for {@link #toReading()}, for the log. */
    public String missingRequired() {
        return (uuid == null ? "uuid " : "") + (powerW == null ? "power " : "") + (gpuTempC == null ? "gpu_temp" : "");
    }
}
