package io.thermalwatch.collector.bms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thermalwatch.collector.CollectorConfig.MqttSettings;
import io.thermalwatch.collector.NodeIdentity;
import io.thermalwatch.collector.TelemetryBatch;
import io.thermalwatch.collector.TelemetrySource;
import io.thermalwatch.collector.UnsupportedReadings;
import io.thermalwatch.model.CoolantSample;
import io.thermalwatch.model.LeakDetectorReading;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to a building-management event bus in NVIDIA's DSX layout and turns the latest value
 * of each rack's liquid-cooling points into one coolant sample per rack and tick.
 *
 * <p>Topics: {@code <root>/Value/Rack/<pointType>/<tagPath>} carry {@code {value, timestamp, quality}}
 * (quality 1 = good); retained {@code <root>/Metadata/Rack/<pointType>/<tagPath>} carry
 * {@code {pointType, objectType, engUnit, rackName, rackID}}. A bad-quality point, or one older than
 * {@code maxAge}, is missing (null), never a reading; a value whose metadata has not arrived yet
 * waits for it. Point types read: {@code RackLiquidSupplyTemperature}, {@code RackLiquidReturnTemperature},
 * {@code RackLiquidFlow}, {@code RackLiquidDifferentialPressure}, {@code RackLiquidSupplyPressure},
 * {@code RackLiquidReturnPressure}, {@code RackPower}, {@code RackLeakDetect}; others are counted
 * as unsupported and ignored.
 */
public final class BmsMqttSource implements TelemetrySource, MqttCallbackExtended {

    private static final Logger LOG = LoggerFactory.getLogger(BmsMqttSource.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MqttClient client;
    private final MqttConnectOptions options;
    private final String root;
    private final long maxAgeMs;
    private final NodeIdentity location;
    private final Clock clock;
    private final UnsupportedReadings unsupported;
    /** Metadata by {@code pointType/tagPath}: [engUnit, rack]. */
    private final Map<String, String[]> metadata = new ConcurrentHashMap<>();
    /** Latest value by {@code pointType/tagPath}. */
    private final Map<String, BmsPoint> points = new ConcurrentHashMap<>();
    /** Values that arrived before their metadata, by {@code pointType/tagPath}. */
    private final Map<String, byte[]> waiting = new ConcurrentHashMap<>();

    public BmsMqttSource(MqttSettings settings, NodeIdentity location, Clock clock, UnsupportedReadings unsupported) {
        this.root = settings.topicRoot().replaceAll("/+$", "");
        this.maxAgeMs = settings.maxAge().toMillis();
        this.location = location;
        this.clock = clock;
        this.unsupported = unsupported;
        try {
            client = new MqttClient(settings.url(), "thermalwatch-" + UUID.randomUUID(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("TW_MQTT_URL: " + settings.url() + ": " + e.getMessage(), e);
        }
        options = new MqttConnectOptions();
        options.setAutomaticReconnect(true);
        options.setCleanSession(true);
        options.setConnectionTimeout(10);
        if (!settings.user().isEmpty()) {
            options.setUserName(settings.user());
            options.setPassword(settings.password().toCharArray());
        }
        client.setCallback(this);
    }

    /**
     * Connects and subscribes. A broker that is down at start does not stop the collector: the
     * source reads empty and tries again every {@value #RETRY_MS} ms; once connected, Paho's
     * automatic reconnect carries it through broker restarts.
     */
    public BmsMqttSource start() {
        tryConnect();
        return this;
    }

    private static final long RETRY_MS = 10_000;
    private long lastAttemptMs = Long.MIN_VALUE;

    private synchronized void tryConnect() {
        lastAttemptMs = clock.millis();
        try {
            client.connect(options);
            subscribe();
        } catch (MqttException e) {
            LOG.warn("cannot connect to the BMS broker {} ({}); retrying every {} s", client.getServerURI(), e.toString(),
                    RETRY_MS / 1000);
        }
    }

    private volatile boolean everConnected;

    private void subscribe() throws MqttException {
        everConnected = true;
        client.subscribe(new String[] {root + "/Metadata/Rack/#", root + "/Value/Rack/#"}, new int[] {1, 1});
        LOG.info("subscribed to BMS points under {} on {}", root, client.getServerURI());
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        if (reconnect) { // a clean session forgets subscriptions: make them again
            try {
                subscribe();
            } catch (MqttException e) {
                LOG.warn("re-subscribe on {} failed: {}", serverUri, e.toString());
            }
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
        LOG.warn("BMS broker connection lost ({}); reconnecting", cause == null ? "?" : cause.toString());
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        try {
            if (topic.startsWith(root + "/Metadata/Rack/")) {
                onMetadata(topic.substring((root + "/Metadata/Rack/").length()), message.getPayload());
            } else if (topic.startsWith(root + "/Value/Rack/")) {
                onValue(topic.substring((root + "/Value/Rack/").length()), message.getPayload());
            }
        } catch (IOException | RuntimeException e) {
            unsupported.report("message on " + topic + " (" + e.getMessage() + ")");
        }
    }

    private void onMetadata(String key, byte[] payload) throws IOException {
        JsonNode m = JSON.readTree(payload);
        String rack = m.hasNonNull("rackName") ? m.get("rackName").asText() : m.path("rackID").asText(null);
        if (rack == null || rack.isBlank()) {
            throw new IOException("metadata without rackName or rackID");
        }
        metadata.put(key, new String[] {m.path("engUnit").asText(""), rack});
        byte[] early = waiting.remove(key);
        if (early != null) {
            onValue(key, early);
        }
    }

    private void onValue(String key, byte[] payload) throws IOException {
        String[] meta = metadata.get(key);
        if (meta == null) {
            waiting.put(key, payload);
            return;
        }
        int slash = key.indexOf('/');
        String pointType = slash < 0 ? key : key.substring(0, slash);
        JsonNode v = JSON.readTree(payload);
        long ts = v.path("timestamp").asLong(clock.millis());
        boolean good = v.path("quality").asInt(0) == 1;
        JsonNode raw = v.path("value");
        Double value = null;
        if (good && (raw.isNumber() || raw.isBoolean())) {
            double number = raw.isBoolean() ? (raw.asBoolean() ? 1 : 0) : raw.asDouble();
            value = BmsPoint.toThermalwatchUnit(pointType, meta[0], number);
        }
        points.put(key, new BmsPoint(pointType, slash < 0 ? "" : key.substring(slash + 1), meta[1], value, ts));
    }

    @Override
    public String name() {
        return "bms-mqtt";
    }

    @Override
    public TelemetryBatch read(long eventMs) {
        if (!client.isConnected() && !everConnected && clock.millis() - lastAttemptMs >= RETRY_MS) {
            tryConnect();
        }
        Map<String, List<BmsPoint>> byRack = new TreeMap<>();
        long now = clock.millis();
        for (BmsPoint p : points.values()) {
            byRack.computeIfAbsent(p.rack(), r -> new ArrayList<>()).add(p);
        }
        List<CoolantSample> samples = new ArrayList<>();
        byRack.forEach((rack, rackPoints) -> {
            Map<String, Double> v = new TreeMap<>();
            List<LeakDetectorReading> leaks = new ArrayList<>();
            for (BmsPoint p : rackPoints) {
                if (!isKnown(p.pointType())) {
                    unsupported.report("BMS point type " + p.pointType());
                    continue;
                }
                Double value = now - p.timestampMs() > maxAgeMs ? null : p.value();
                if (p.pointType().equals("RackLeakDetect")) {
                    if (value != null) {
                        leaks.add(new LeakDetectorReading(p.tagPath().isEmpty() ? "leak" : p.tagPath(), value != 0,
                                value != 0 ? "Leak" : "OK"));
                    }
                } else if (value != null) {
                    v.putIfAbsent(p.pointType(), value);
                }
            }
            samples.add(new CoolantSample(CoolantSample.SCHEMA_VERSION, eventMs, location.site(), location.hall(),
                    location.row(), rack, "bms", "bms-mqtt", v.get("RackLiquidSupplyTemperature"),
                    v.get("RackLiquidReturnTemperature"), null, v.get("RackLiquidFlow"), v.get("RackLiquidSupplyPressure"),
                    v.get("RackLiquidReturnPressure"), v.get("RackLiquidDifferentialPressure"), null, v.get("RackPower"),
                    null, null, List.of(), leaks));
        });
        return TelemetryBatch.ofCoolant(samples);
    }

    private static boolean isKnown(String pointType) {
        return switch (pointType) {
            case "RackLiquidSupplyTemperature", "RackLiquidReturnTemperature", "RackLiquidFlow",
                 "RackLiquidDifferentialPressure", "RackLiquidSupplyPressure", "RackLiquidReturnPressure",
                 "RackPower", "RackLeakDetect" -> true;
            default -> false;
        };
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(2_000);
            }
            client.close();
        } catch (MqttException e) {
            LOG.debug("closing the MQTT client: {}", e.toString());
        }
    }
}
