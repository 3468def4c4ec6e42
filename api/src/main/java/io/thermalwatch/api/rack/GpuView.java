package io.thermalwatch.api.rack;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One GPU's latest reading, as the sink stored it from the node samples. Absent readings are left
 * out of the JSON, never 0.
 *
 * @param node              node id
 * @param index             GPU index on the node
 * @param uuid              NVML UUID
 * @param model             product name
 * @param powerW            board power, W
 * @param gpuTempC          GPU temperature, °C
 * @param hbmTempC          HBM temperature, °C
 * @param slowdownTempC     the device's slowdown threshold, °C
 * @param hbmMaxTempC       the device's HBM max operating temperature, °C
 * @param slowdownMarginC   {@code slowdownTempC − gpuTempC}, °C: how far from slowing down
 * @param smClockMhz        SM clock, MHz
 * @param powerLimitW       enforced power limit, W
 * @param utilizationPct    utilisation, %
 * @param clockEventReasons NVML clock-event-reason bitmask
 * @param clockEvents       the bitmask's reasons by name ({@code sw_thermal_slowdown}...)
 * @param eventMs           when the reading was taken, epoch ms
 * @param stale             true when older than {@code thermalwatch.api.stale-after}
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GpuView(String node, int index, String uuid, String model, Double powerW, Double gpuTempC, Double hbmTempC,
        Double slowdownTempC, Double hbmMaxTempC, Double slowdownMarginC, Long smClockMhz, Double powerLimitW,
        Double utilizationPct, Long clockEventReasons, List<String> clockEvents, long eventMs, boolean stale) {
}
