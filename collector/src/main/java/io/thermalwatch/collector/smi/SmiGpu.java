package io.thermalwatch.collector.smi;

import io.thermalwatch.model.GpuReading;
import java.util.Optional;

/**
 * One {@code <gpu>} of {@code nvidia-smi -q -x}, as read: every value nullable ("N/A", absent or
 * unparseable in the XML). Units as in {@link GpuReading}.
 *
 * @param clockEventReasons NVML bitmask rebuilt from the {@code clocks_event_reasons} (v13) or
 *                          {@code clocks_throttle_reasons} (older) elements; null if neither is present
 * @param slowdownTempC     absolute threshold ({@code gpu_temp_slow_threshold}, v12 and older), °C, or null;
 *                          likewise {@code shutdownTempC}, {@code gpuMaxTempC}, {@code hbmMaxTempC}
 * @param tLimit            v13's T.Limit layout, or null when the XML has none
 * @param averagePowerW     {@code average_power_draw}, W, or null
 * @param instantPowerW     {@code instant_power_draw}, W, or null
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
        TLimitLayout tLimit,
        Double averagePowerW,
        Double instantPowerW,
        boolean migEnabled) {

    /**
     * v13's thresholds, relative to T.Limit (the T.Limit temperature is {@code gpu_temp} plus
     * {@code marginC}, but only when both were read at the same instant: see {@link TLimitEstimator}).
     *
     * @param marginC          {@code gpu_temp_tlimit}: how far the GPU is below T.Limit, °C
     * @param shutdownOffsetC  {@code gpu_temp_max_tlimit_threshold}, °C relative to T.Limit, or null
     * @param slowdownOffsetC  {@code gpu_temp_slow_tlimit_threshold}, or null
     * @param gpuMaxOffsetC    {@code gpu_temp_max_gpu_tlimit_threshold}, or null
     */
    public record TLimitLayout(double marginC, Double shutdownOffsetC, Double slowdownOffsetC, Double gpuMaxOffsetC) {
    }

    /**
     * The wire reading, or empty when a required value (UUID, power, GPU temperature) is missing:
     * some consumer cards report no power draw. Thresholds are the absolute ones, else those of the
     * T.Limit layout at {@code tLimitC} (°C, the card's T.Limit temperature; null: not known, and
     * then the T.Limit thresholds stay null rather than a guess).
     */
    public Optional<GpuReading> toReading(Double tLimitC) {
        if (uuid == null || powerW == null || gpuTempC == null) {
            return Optional.empty();
        }
        Double slowdown = slowdownTempC;
        Double shutdown = shutdownTempC;
        Double gpuMax = gpuMaxTempC;
        if (tLimit != null && tLimitC != null) {
            // the memory T.Limit offset is on the GPU's T.Limit scale, not an HBM temperature: not converted
            slowdown = slowdown != null ? slowdown : minus(tLimitC, tLimit.slowdownOffsetC());
            shutdown = shutdown != null ? shutdown : minus(tLimitC, tLimit.shutdownOffsetC());
            gpuMax = gpuMax != null ? gpuMax : minus(tLimitC, tLimit.gpuMaxOffsetC());
        }
        return Optional.of(new GpuReading(index, uuid, productName, powerW, gpuTempC, hbmTempC, smClockMhz,
                clockEventReasons, utilizationPct, powerLimitW, slowdown, shutdown, gpuMax, hbmMaxTempC));
    }

    /** {@link #toReading(Double)} without a T.Limit temperature. */
    public Optional<GpuReading> toReading() {
        return toReading(null);
    }

    private static Double minus(double limitC, Double offset) {
        return offset == null ? null : limitC - offset;
    }

    /** What is missing for {@link #toReading()}, for the log. */
    public String missingRequired() {
        return (uuid == null ? "uuid " : "") + (powerW == null ? "power " : "") + (gpuTempC == null ? "gpu_temp" : "");
    }
}
