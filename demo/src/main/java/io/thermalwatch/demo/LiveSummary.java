package io.thermalwatch.demo;

import io.thermalwatch.api.alert.AlertCounts;
import io.thermalwatch.model.RackAggregate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The demo's one-line summary of what the API currently serves. */
final class LiveSummary {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private LiveSummary() {
    }

    /** {@code 1 rack}, {@code 2 racks}. */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * @param racks       every rack's latest window, at least one
     * @param alerts      the alerts firing now, by severity
     * @param sent        samples the broker has acknowledged
     * @param unsent      samples the collector dropped or could not deliver
     */
    static String line(List<RackAggregate> racks, AlertCounts alerts, long sent, long unsent) {
        double powerKw = racks.stream().mapToDouble(RackAggregate::totalPowerW).sum() / 1000.0;
        int gpus = racks.stream().mapToInt(RackAggregate::gpusReporting).sum();
        double maxTemp = racks.stream().mapToDouble(RackAggregate::maxGpuTempC).max().orElse(Double.NaN);
        int throttled = racks.stream().mapToInt(RackAggregate::thermalThrottledGpus).sum();
        RackAggregate hottest = racks.stream()
                .max(java.util.Comparator.comparingDouble(RackAggregate::maxGpuTempC)).orElseThrow();
        long latestEnd = racks.stream().mapToLong(RackAggregate::windowEndMs).max().orElse(0);
        return String.format(Locale.ROOT,
                "window to %s | racks %d | GPUs %d | %.1f kW | max GPU %.1f °C (%s) | thermal-throttled %d"
                        + " | alerts firing %d critical, %d warning | samples published %d, lost %d",
                TIME.format(Instant.ofEpochMilli(latestEnd)), racks.size(), gpus, powerKw, maxTemp, hottest.rack(),
                throttled, alerts.critical(), alerts.warning(), sent, unsent);
    }
}
