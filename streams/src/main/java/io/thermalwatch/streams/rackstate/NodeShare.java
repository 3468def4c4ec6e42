package io.thermalwatch.streams.rackstate;

/**
 * One node's share of a rack window: how many samples, their summed power (milliwatts, so sums
 * are exact and independent of order), and which GPU indices reported or were slowed, by reason.
 * Bit i of a mask is GPU index i (indices are 0..63).
 */
final class NodeShare {
    int samples;
    long powerSumMw;
    long gpuMask;
    long thermalMask;
    long powerCapMask;
    long powerBrakeMask;
}
