package io.thermalwatch.streams.rackstate;

import io.thermalwatch.streams.alert.AlertState;
import io.thermalwatch.streams.alert.GpuTrack;

/** What a rack's state remembers about one node: when it last reported, its staleness alert, its GPUs. */
final class NodeTrack {
    long lastSeenMs;
    final AlertState stale = new AlertState();
    /** By GPU index; grown on demand. */
    GpuTrack[] gpus = new GpuTrack[4];

    GpuTrack gpu(int index) {
        if (index >= gpus.length) {
            gpus = java.util.Arrays.copyOf(gpus, Math.max(index + 1, gpus.length * 2));
        }
        GpuTrack t = gpus[index];
        if (t == null) {
            t = new GpuTrack();
            gpus[index] = t;
        }
        return t;
    }
}
