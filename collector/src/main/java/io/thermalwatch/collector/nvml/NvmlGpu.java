package io.thermalwatch.collector.nvml;

import com.sun.jna.Pointer;

/**
 * What is read once per GPU at start: its handle, identity, the device's own thresholds (°C,
 * null when NVML does not report them) and whether it reports module power (Grace-Blackwell).
 */
record NvmlGpu(int index, Pointer handle, String name, String uuid, String serial, Double shutdownC, Double slowdownC,
               Double gpuMaxC, Double memMaxC, boolean modulePower) {
}
