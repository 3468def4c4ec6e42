package io.thermalwatch.streams.alert;

/**
 * The stuck-sensor judgement of the {@code gpu-sensor-stuck} rule: a die temperature that reads
 * exactly the same while the GPU's power swings a lot.
 *
 * <p>A steady reading alone proves nothing: nvidia-smi and NVML report whole °C, so an idle or
 * steadily loaded GPU can read the same value for minutes (30 °C for 15 s in the project's 10 Hz
 * H100 trace). Power is the witness: the die follows its power within a second (~0.03 °C/W on an
 * H100, the fast part of its thermal response), so a swing of a fifth of the power limit moves a
 * healthy reading by several degrees. The value is that swing, max − min power as a percentage of
 * the GPU's power limit, over the samples since the reading last changed, once it has not changed
 * for {@code minFrozenS}.
 */
final class SensorStuck {

    private final long minFrozenMs;

    /** @param minFrozenS how long the reading must not have changed before the swing is judged, seconds */
    SensorStuck(double minFrozenS) {
        if (!(minFrozenS >= 0)) {
            throw new IllegalArgumentException("gpu-sensor-stuck: minFrozenS must not be negative");
        }
        this.minFrozenMs = Math.round(minFrozenS * 1000);
    }

    /**
     * Folds in one sample and returns the rule's value: 0 when the reading just changed (the sensor
     * is alive), the power swing (% of the power limit) while it has been frozen for at least
     * {@code minFrozenS}, and NaN when undecided: the first sample, a frozen spell still younger than
     * that, or no power limit known.
     */
    double observe(GpuTrack track, double tempC, double powerW, Double powerLimitW, long eventMs) {
        if (Double.isNaN(track.frozenTempC) || tempC != track.frozenTempC) {
            boolean moved = !Double.isNaN(track.frozenTempC);
            track.frozenTempC = tempC;
            track.frozenSinceMs = eventMs;
            track.frozenMinW = powerW;
            track.frozenMaxW = powerW;
            return moved ? 0 : Double.NaN;
        }
        track.frozenMinW = Math.min(track.frozenMinW, powerW);
        track.frozenMaxW = Math.max(track.frozenMaxW, powerW);
        if (eventMs - track.frozenSinceMs < minFrozenMs || powerLimitW == null || powerLimitW <= 0) {
            return Double.NaN;
        }
        return (track.frozenMaxW - track.frozenMinW) / powerLimitW * 100.0;
    }
}
