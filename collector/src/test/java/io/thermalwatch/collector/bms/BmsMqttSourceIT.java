package io.thermalwatch.collector.bms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.thermalwatch.collector.CollectorConfig.MqttSettings;
import io.thermalwatch.collector.CollectorMetrics;
import io.thermalwatch.collector.NodeIdentity;
import io.thermalwatch.collector.UnsupportedReadings;
import io.thermalwatch.model.CoolantSample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The BMS source against a real mosquitto broker, fed by a Paho publisher as a BMS would. */
class BmsMqttSourceIT {

    private static final String ROOT = "BMS/v1/PUB";
    private static final NodeIdentity HALL = new NodeIdentity("ams1", "h2", "r01", "unused", "unused");

    @TempDir
    Path dir;
    private Mosquitto broker;
    private MqttClient bms;
    private BmsMqttSource source;
    private final CollectorMetrics metrics = new CollectorMetrics();

    @BeforeEach
    void start() throws Exception {
        broker = new Mosquitto(dir);
        bms = new MqttClient(broker.url(), "bms-test", new MemoryPersistence());
        bms.connect();
    }

    @AfterEach
    void stop() throws Exception {
        if (source != null) {
            source.close();
        }
        if (bms.isConnected()) {
            bms.disconnect();
        }
        bms.close();
        broker.close();
    }

    private BmsMqttSource source(Duration maxAge) {
        source = new BmsMqttSource(new MqttSettings(broker.url(), ROOT, "", "", maxAge), HALL, Clock.systemUTC(),
                new UnsupportedReadings("bms-mqtt", metrics)).start();
        return source;
    }

    private void metadata(String pointType, String tag, String unit, String rack) throws MqttException {
        String json = "{\"pointType\":\"" + pointType + "\",\"objectType\":\"AnalogValue\",\"engUnit\":\"" + unit
                + "\",\"rackName\":\"" + rack + "\",\"rackID\":\"id-" + rack + "\"}";
        bms.publish(ROOT + "/Metadata/Rack/" + pointType + "/" + tag, json.getBytes(StandardCharsets.UTF_8), 1, true);
    }

    private void value(String pointType, String tag, String value, long timestampMs, int quality) throws MqttException {
        String json = "{\"value\":" + value + ",\"timestamp\":" + timestampMs + ",\"quality\":" + quality + "}";
        bms.publish(ROOT + "/Value/Rack/" + pointType + "/" + tag, json.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    private Optional<CoolantSample> rack(String rack) {
        return source.read(System.currentTimeMillis()).coolant().stream().filter(c -> c.rack().equals(rack)).findFirst();
    }

    @Test
    void turnsRackPointsIntoACoolantSampleInThermalwatchUnits() throws Exception {
        metadata("RackLiquidSupplyTemperature", "Hall2/RowA/Rack01/TS1", "degC", "r01-k01");
        metadata("RackLiquidReturnTemperature", "Hall2/RowA/Rack01/TR1", "degF", "r01-k01");
        metadata("RackLiquidFlow", "Hall2/RowA/Rack01/F1", "gpm", "r01-k01");
        metadata("RackLiquidDifferentialPressure", "Hall2/RowA/Rack01/DP1", "psi", "r01-k01");
        metadata("RackPower", "Hall2/RowA/Rack01/P1", "W", "r01-k01");
        metadata("RackLeakDetect", "Hall2/RowA/Rack01/LD1", "", "r01-k01");
        metadata("RackLeakDetect", "Hall2/RowA/Rack01/LD2", "", "r01-k01");
        source(Duration.ofMinutes(1));
        long now = System.currentTimeMillis();
        value("RackLiquidSupplyTemperature", "Hall2/RowA/Rack01/TS1", "30.5", now, 1);
        value("RackLiquidReturnTemperature", "Hall2/RowA/Rack01/TR1", "104", now, 1);
        value("RackLiquidFlow", "Hall2/RowA/Rack01/F1", "40", now, 1);
        value("RackLiquidDifferentialPressure", "Hall2/RowA/Rack01/DP1", "5", now, 1);
        value("RackPower", "Hall2/RowA/Rack01/P1", "95000", now, 1);
        value("RackLeakDetect", "Hall2/RowA/Rack01/LD1", "0", now, 1);
        value("RackLeakDetect", "Hall2/RowA/Rack01/LD2", "true", now, 1);

        CoolantSample s = await().atMost(Duration.ofSeconds(20))
                .until(() -> rack("r01-k01"), o -> o.isPresent() && o.get().leakDetectors().size() == 2
                        && o.get().rackPowerKw() != null).orElseThrow();
        assertThat(s.site()).isEqualTo("ams1");
        assertThat(s.hall()).isEqualTo("h2");
        assertThat(s.source()).isEqualTo("bms-mqtt");
        assertThat(s.supplyTempC()).isEqualTo(30.5);
        assertThat(s.returnTempC()).isCloseTo(40.0, within(1e-9));
        assertThat(s.deltaTempC()).isCloseTo(9.5, within(1e-9));
        assertThat(s.flowLpm()).isCloseTo(151.416, within(0.001));
        assertThat(s.diffPressureKpa()).isCloseTo(34.474, within(0.001));
        assertThat(s.rackPowerKw()).isEqualTo(95.0);
        assertThat(s.leaking()).isTrue();
        assertThat(s.leakDetectors()).anySatisfy(l -> assertThat(l.leaking()).isFalse());
    }

    @Test
    void badQualityAndStalePointsAreMissingNotReadings() throws Exception {
        metadata("RackLiquidSupplyTemperature", "K2/TS1", "degC", "r01-k02");
        metadata("RackLiquidReturnTemperature", "K2/TR1", "degC", "r01-k02");
        metadata("RackLiquidFlow", "K2/F1", "L/min", "r01-k02");
        source(Duration.ofMinutes(1));
        long now = System.currentTimeMillis();
        value("RackLiquidSupplyTemperature", "K2/TS1", "31.0", now, 1);
        value("RackLiquidReturnTemperature", "K2/TR1", "45.0", now, 1);
        value("RackLiquidFlow", "K2/F1", "120", now, 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> rack("r01-k02"), o -> o.isPresent()
                && Double.valueOf(31.0).equals(o.get().supplyTempC()) && Double.valueOf(45.0).equals(o.get().returnTempC())
                && Double.valueOf(120.0).equals(o.get().flowLpm()));

        value("RackLiquidSupplyTemperature", "K2/TS1", "31.5", now, 0);           // bad quality
        value("RackLiquidReturnTemperature", "K2/TR1", "45.5", now - 3_600_000, 1); // an hour old
        value("RackLiquidFlow", "K2/F1", "121", now, 1);                          // sent last: once it is read, so were the others
        CoolantSample s = await().atMost(Duration.ofSeconds(20))
                .until(() -> rack("r01-k02"), o -> o.isPresent() && Double.valueOf(121.0).equals(o.get().flowLpm())).orElseThrow();
        assertThat(s.supplyTempC()).as("a bad-quality value replaces the last good one as missing").isNull();
        assertThat(s.returnTempC()).as("a stale value is missing").isNull();
        assertThat(s.deltaTempC()).isNull();
    }

    @Test
    void valueBeforeItsMetadataWaitsForIt() throws Exception {
        source(Duration.ofMinutes(1));
        value("RackLiquidFlow", "K3/F1", "77", System.currentTimeMillis(), 1);
        // a point of another rack, sent after it: once that is read, the early value has arrived too
        metadata("RackLiquidFlow", "K7/F1", "L/min", "r01-k07");
        value("RackLiquidFlow", "K7/F1", "5", System.currentTimeMillis(), 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> rack("r01-k07").map(CoolantSample::flowLpm).orElse(0.0) == 5.0);
        assertThat(rack("r01-k03")).as("no sample before its metadata").isEmpty();
        metadata("RackLiquidFlow", "K3/F1", "L/min", "r01-k03"); // the value is not sent again
        await().atMost(Duration.ofSeconds(20)).until(() -> rack("r01-k03").map(CoolantSample::flowLpm).orElse(0.0) == 77.0);
    }

    @Test
    void survivesABrokerRestart() throws Exception {
        metadata("RackLiquidFlow", "K4/F1", "L/min", "r01-k04");
        source(Duration.ofMinutes(1));
        value("RackLiquidFlow", "K4/F1", "100", System.currentTimeMillis(), 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> rack("r01-k04").map(CoolantSample::flowLpm).orElse(0.0) == 100.0);

        broker.stop();
        broker.start(); // no persistence: the retained metadata is gone, as after a real BMS broker rebuild
        bms.close();
        bms = new MqttClient(broker.url(), "bms-test-2", new MemoryPersistence());
        bms.connect();
        metadata("RackLiquidFlow", "K4/F1", "L/min", "r01-k04");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            value("RackLiquidFlow", "K4/F1", "60", System.currentTimeMillis(), 1);
            return rack("r01-k04").map(CoolantSample::flowLpm).orElse(0.0) == 60.0;
        });
    }

    @Test
    void aBrokerDownAtStartIsRetriedNotFatal() throws Exception {
        broker.stop();
        MutableClock clock = new MutableClock();
        source = new BmsMqttSource(new MqttSettings(broker.url(), ROOT, "", "", Duration.ofMinutes(1)), HALL, clock,
                new UnsupportedReadings("bms-mqtt", metrics)).start();
        assertThat(source.read(clock.millis()).coolant()).isEmpty();
        broker.start();
        bms.close();
        bms = new MqttClient(broker.url(), "bms-test-3", new MemoryPersistence());
        bms.connect();
        metadata("RackLiquidFlow", "K6/F1", "L/min", "r01-k06");
        clock.advance(Duration.ofSeconds(11)); // past the retry interval
        source.read(clock.millis());
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            value("RackLiquidFlow", "K6/F1", "88", clock.millis(), 1);
            return source.read(clock.millis()).coolant().stream().anyMatch(c -> Double.valueOf(88).equals(c.flowLpm()));
        });
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private long millis = System.currentTimeMillis();

        void advance(Duration d) {
            millis += d.toMillis();
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.ofEpochMilli(millis);
        }
    }

    @Test
    void unknownPointTypesAreCountedAndIgnored() throws Exception {
        metadata("RackHumidity", "K5/H1", "%", "r01-k05");
        source(Duration.ofMinutes(1));
        value("RackHumidity", "K5/H1", "40", System.currentTimeMillis(), 1);
        CoolantSample s = await().atMost(Duration.ofSeconds(20)).until(() -> rack("r01-k05"), Optional::isPresent).orElseThrow();
        assertThat(s).as("ignored: the 40 %% reading lands in no field")
                .extracting(CoolantSample::supplyTempC, CoolantSample::returnTempC, CoolantSample::flowLpm,
                        CoolantSample::supplyPressureKpa, CoolantSample::returnPressureKpa, CoolantSample::diffPressureKpa,
                        CoolantSample::rackPowerKw, CoolantSample::coolantLevelPct)
                .containsOnlyNulls();
        assertThat(s.leakDetectors()).isEmpty();
        String counted = metrics.prometheusText().lines()
                .filter(l -> l.startsWith("thermalwatch_collector_unsupported_total{source=\"bms-mqtt\"} ")).findFirst().orElseThrow();
        assertThat(Long.parseLong(counted.substring(counted.lastIndexOf(' ') + 1))).as(counted).isPositive();
    }
}
