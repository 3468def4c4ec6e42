package io.thermalwatch.streams.alert;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The peer-outlier rule, run per rack when its window closes: a GPU running hotter than the rack's
 * other GPUs at similar power (within {@code powerBandPct} of its own), by the median of those
 * peers' temperatures. This is how a fouled cold plate or a failing thermal interface shows long
 * before the GPU nears its own limits: same work, same coolant, hotter die. With fewer than
 * {@code minPeers} peers in the band the GPU is not judged. A GPU whose temperature sensor is judged
 * stuck ({@code gpu-sensor-stuck} firing) is neither judged nor a peer: its reading says nothing
 * about its heat (frozen at a loaded temperature, it would read "hotter than its idle peers").
 */
public final class PeerOutlier {

    /** A GPU of the rack with its track (latest temperature and power) and what to call it. */
    public record Peer(AlertSubject subject, GpuTrack track) {
    }

    private final RuleSpec rule;
    private final double bandFraction;
    private final int minPeers;

    public PeerOutlier(RuleBook book) {
        this.rule = book.rule(GpuTrack.Rule.PEER_OUTLIER.id());
        this.bandFraction = rule.param("powerBandPct") / 100.0;
        this.minPeers = (int) rule.param("minPeers");
    }

    /** Judges every GPU of one rack against its peers at {@code nowMs}. */
    public void evaluate(List<Peer> gpus, long nowMs, AlertListener listener) {
        if (!rule.enabled()) {
            return;
        }
        double[] temps = new double[gpus.size()];
        for (Peer gpu : gpus) {
            double value = excessC(gpu, gpus, temps);
            RuleEvaluator.evaluate(rule, gpu.track().state(GpuTrack.Rule.PEER_OUTLIER), gpu::subject, value, nowMs,
                    v -> String.format(Locale.ROOT, "%s runs %.1f °C hotter than %s peers at similar power (%.0f W)",
                            gpu.subject().describe(), v, "its rack's", gpu.track().lastPowerW()), listener);
        }
    }

    /** Degrees above the median of the peers in the power band; NaN with too few peers. */
    private double excessC(Peer gpu, List<Peer> gpus, double[] scratch) {
        double power = gpu.track().lastPowerW();
        double temp = gpu.track().lastTempC();
        if (Double.isNaN(power) || Double.isNaN(temp) || sensorStuck(gpu.track())) {
            return Double.NaN;
        }
        double band = Math.max(power * bandFraction, 1.0);
        int n = 0;
        for (Peer other : gpus) {
            GpuTrack o = other.track();
            if (o != gpu.track() && !Double.isNaN(o.lastTempC()) && Math.abs(o.lastPowerW() - power) <= band
                    && !sensorStuck(o)) {
                scratch[n++] = o.lastTempC();
            }
        }
        if (n < minPeers) {
            return Double.NaN;
        }
        Arrays.sort(scratch, 0, n);
        double median = n % 2 == 1 ? scratch[n / 2] : (scratch[n / 2 - 1] + scratch[n / 2]) / 2;
        return temp - median;
    }

    private static boolean sensorStuck(GpuTrack track) {
        return track.state(GpuTrack.Rule.SENSOR_STUCK).firing() != null;
    }
}
