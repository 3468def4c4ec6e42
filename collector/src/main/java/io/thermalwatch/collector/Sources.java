package io.thermalwatch.collector;

import io.thermalwatch.collector.bms.BmsMqttSource;
import io.thermalwatch.collector.dcgm.DcgmExporterSource;
import io.thermalwatch.collector.nvml.NvmlSource;
import io.thermalwatch.collector.redfish.RedfishCduSource;
import io.thermalwatch.collector.sim.FaultScenario;
import io.thermalwatch.collector.sim.FleetSimulator;
import io.thermalwatch.collector.smi.NvidiaSmiSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds the sources a collector's config names. */
public final class Sources {

    private Sources() {
    }

    public static List<TelemetrySource> create(CollectorConfig config, CollectorMetrics metrics) {
        List<TelemetrySource> sources = new ArrayList<>();
        for (String name : config.sources()) {
            sources.add(create(name, config, metrics));
        }
        return sources;
    }

    private static TelemetrySource create(String name, CollectorConfig config, CollectorMetrics metrics) {
        UnsupportedReadings unsupported = new UnsupportedReadings(name, metrics);
        return switch (name) {
            case "simulator" -> new FleetSimulator(config.fleet(), config.seed(), scenario(config));
            case "nvidia-smi" -> new NvidiaSmiSource(config.nvidiaSmiCommand(), Duration.ofSeconds(10), config.node(), unsupported,
                    config.smiTLimitC());
            case "redfish" -> RedfishCduSource.create(config.redfish(), config.node(), unsupported);
            case "bms-mqtt" -> new BmsMqttSource(config.mqtt(), config.node(), Clock.systemUTC(), unsupported).start();
            case "nvml" -> NvmlSource.open(config.nvml().library(), config.node(), config.nvml().energyInterval(), unsupported);
            case "dcgm" -> new DcgmExporterSource(URI.create(config.dcgmUrl()), Duration.ofSeconds(5), config.node(), unsupported);
            default -> throw new IllegalArgumentException("TW_SOURCES: unknown source '" + name + "'");
        };
    }

    private static FaultScenario scenario(CollectorConfig config) {
        if (config.scenario() == null) {
            return FaultScenario.none();
        }
        try {
            return FaultScenario.read(config.scenario());
        } catch (IOException e) {
            throw new UncheckedIOException("TW_SIM_SCENARIO: cannot read " + config.scenario(), e);
        }
    }
}
