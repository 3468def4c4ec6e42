package io.thermalwatch.api.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.thermalwatch.model.RackAggregate;
import io.thermalwatch.model.ThermalAlert;
import java.util.List;

/**
 * A fleet, hall or row at a glance, from the racks' latest windows and the alerts firing now.
 * Figures cover the <b>fresh</b> racks only (latest window ended within {@code stale-after}): a rack
 * that stopped reporting would otherwise add its last power for ever.
 *
 * @param site            the site filter, or absent
 * @param hall            the hall filter, or absent
 * @param row             the row filter, or absent
 * @param racksReporting  racks with a fresh window
 * @param racksStale      racks known but stale
 * @param gpusReporting   GPUs in the fresh racks' windows
 * @param totalPowerKw    the fresh racks' mean power summed, kW
 * @param minSlowdownMargin the GPU closest to its slowdown temperature, °C, or absent
 * @param alertsFiring    alerts firing now in scope, by severity
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FleetSummary(String site, String hall, String row, int racksReporting, int racksStale, int gpusReporting,
        double totalPowerKw, Margin minSlowdownMargin, Alerts alertsFiring) {

    /** Where the lowest slowdown margin is; °C. */
    @Serdeable
    public record Margin(double marginC, String rack, String node, int gpu) {
    }

    /** Firing alert counts. */
    @Serdeable
    public record Alerts(int critical, int warning) {
    }

    /**
     * Folds racks and alerts already filtered to the scope.
     *
     * @param staleAfterMs a window that ended longer ago than this before {@code nowMs} is stale
     */
    static FleetSummary of(String site, String hall, String row, List<RackAggregate> racks, List<ThermalAlert> alerts,
            long nowMs, long staleAfterMs) {
        int fresh = 0;
        int stale = 0;
        int gpus = 0;
        double powerW = 0;
        Margin min = null;
        for (RackAggregate a : racks) {
            if (nowMs - a.windowEndMs() > staleAfterMs) {
                stale++;
                continue;
            }
            fresh++;
            gpus += a.gpusReporting();
            powerW += a.totalPowerW();
            RackAggregate.Margin m = a.minSlowdownMargin();
            if (m != null && (min == null || m.marginC() < min.marginC())) {
                min = new Margin(m.marginC(), a.rack(), m.node(), m.gpu());
            }
        }
        int critical = (int) alerts.stream().filter(a -> "critical".equals(a.severity())).count();
        return new FleetSummary(site, hall, row, fresh, stale, gpus, powerW / 1000.0, min,
                new Alerts(critical, alerts.size() - critical));
    }
}
