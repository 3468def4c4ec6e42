package io.thermalwatch.collector.dcgm;

import io.thermalwatch.collector.NodeIdentity;
import io.thermalwatch.collector.TelemetryBatch;
import io.thermalwatch.collector.TelemetrySource;
import io.thermalwatch.collector.UnsupportedReadings;
import io.thermalwatch.model.GpuReading;
import io.thermalwatch.model.NodeSample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Scrapes an existing dcgm-exporter {@code /metrics} endpoint (NVIDIA GPU Operator on Kubernetes),
 * so a cluster that already runs it feeds Thermalwatch with no new agent. One node sample per
 * {@code Hostname} label; the node id is that host name (the configured {@code TW_NODE} when the
 * scrape has no such label), the site, hall, row and rack come from the collector's settings.
 */
public final class DcgmExporterSource implements TelemetrySource {

    private final URI url;
    private final Duration timeout;
    private final NodeIdentity node;
    private final UnsupportedReadings unsupported;
    private final HttpClient http;

    public DcgmExporterSource(URI url, Duration timeout, NodeIdentity node, UnsupportedReadings unsupported) {
        this.url = url;
        this.timeout = timeout;
        this.node = node;
        this.unsupported = unsupported;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String name() {
        return "dcgm";
    }

    @Override
    public TelemetryBatch read(long eventMs) {
        String body = fetch();
        List<NodeSample> samples = new ArrayList<>();
        for (DcgmScrape.HostGpus host : DcgmScrape.read(body)) {
            List<GpuReading> readings = new ArrayList<>();
            for (DcgmScrape.GpuFields gpu : host.gpus()) {
                GpuReading reading = gpu.toReading();
                if (reading == null) {
                    unsupported.report("GPU " + gpu.index() + " " + gpu.uuid() + " on " + host.hostname()
                            + ": no power or GPU temperature in the scrape");
                } else {
                    readings.add(reading);
                }
            }
            if (!readings.isEmpty()) {
                String nodeId = host.hostname().isEmpty() ? node.node() : host.hostname();
                samples.add(new NodeSample(NodeSample.SCHEMA_VERSION, eventMs, node.site(), node.hall(), node.row(),
                        node.rack(), nodeId, readings));
            }
        }
        return TelemetryBatch.ofNodes(samples);
    }

    private String fetch() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("scrape of " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted scraping " + url, e);
        }
    }
}
