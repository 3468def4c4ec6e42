package io.thermalwatch.collector.redfish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermalwatch.collector.CollectorConfig.RedfishSettings;
import io.thermalwatch.collector.CollectorMetrics;
import io.thermalwatch.collector.NodeIdentity;
import io.thermalwatch.collector.UnsupportedReadings;
import io.thermalwatch.model.CoolantSample;
import io.thermalwatch.model.LeakDetectorReading;
import io.thermalwatch.model.PumpReading;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedfishCduSourceTest {

    private static final NodeIdentity RACK = new NodeIdentity("ams1", "h1", "r01", "r01-k04", "cdu");
    private static final String CDU = "/redfish/v1/ThermalEquipment/CDUs/1";

    @TempDir
    static Path dir;
    static MockBmc bmc;

    @BeforeAll
    static void start() throws Exception {
        bmc = new MockBmc(dir);
    }

    @AfterAll
    static void stop() {
        bmc.close();
    }

    private static RedfishSettings settings(String auth, String password, Path trustStore) {
        return new RedfishSettings(bmc.url(), CDU, auth, MockBmc.USER, password, trustStore, MockBmc.TRUST_PASSWORD,
                Duration.ofSeconds(5));
    }

    @Test
    void readsTheMockupCduOverHttpsWithASession() {
        CollectorMetrics metrics = new CollectorMetrics();
        try (RedfishCduSource source = RedfishCduSource.create(settings("session", MockBmc.PASSWORD, bmc.trustStore), RACK,
                new UnsupportedReadings("redfish", metrics))) {
            List<CoolantSample> samples = source.read(1_790_000_000_000L).coolant();
            assertThat(samples).singleElement().satisfies(s -> {
                assertThat(s.rack()).isEqualTo("r01-k04");
                assertThat(s.loop()).isEqualTo("1-secondary-1");
                assertThat(s.source()).isEqualTo("redfish");
                assertThat(s.supplyTempC()).isEqualTo(30.0);
                assertThat(s.returnTempC()).isEqualTo(48.0);
                assertThat(s.deltaTempC()).isEqualTo(18.0);
                assertThat(s.flowLpm()).as("the flow Sensor wins over the connector's excerpt (42)").isEqualTo(79.6);
                assertThat(s.supplyPressureKpa()).isEqualTo(103.0);
                assertThat(s.returnPressureKpa()).isEqualTo(137.0);
                assertThat(s.diffPressureKpa()).isEqualTo(34.0);
                assertThat(s.heatRemovedKw()).isEqualTo(25.31);
                assertThat(s.health()).isEqualTo("Critical");
                assertThat(s.pumps()).containsExactly(new PumpReading("1", 38.5, "OK"), new PumpReading("2", 0.0, "Critical"));
                assertThat(s.leakDetectors()).containsExactly(new LeakDetectorReading("Moisture", false, "OK"),
                        new LeakDetectorReading("Overflow", false, "OK"));
                assertThat(s.coolantLevelPct()).isNull();
            });
            assertThat(metrics.prometheusText()).contains("thermalwatch_collector_unsupported_total{source=\"redfish\"} 1");
        }
        assertThat(bmc.sessionDeleted()).isTrue();
    }

    @Test
    void logsInAgainWhenTheSessionExpires() {
        try (RedfishCduSource source = RedfishCduSource.create(settings("session", MockBmc.PASSWORD, bmc.trustStore), RACK,
                new UnsupportedReadings("redfish", new CollectorMetrics()))) {
            source.read(1L);
            bmc.expireSession();
            bmc.requests.clear();
            assertThat(source.read(2L).coolant()).hasSize(1);
            assertThat(bmc.requests).contains("POST /redfish/v1/SessionService/Sessions");
        }
    }

    @Test
    void basicAuthWorksAndAWrongPasswordFailsClearly() {
        try (RedfishCduSource source = RedfishCduSource.create(settings("basic", MockBmc.PASSWORD, bmc.trustStore), RACK,
                new UnsupportedReadings("redfish", new CollectorMetrics()))) {
            assertThat(source.read(1L).coolant()).hasSize(1);
        }
        try (RedfishCduSource source = RedfishCduSource.create(settings("basic", "wrong", bmc.trustStore), RACK,
                new UnsupportedReadings("redfish", new CollectorMetrics()))) {
            assertThatThrownBy(() -> source.read(1L)).hasMessageContaining("HTTP 401");
        }
        try (RedfishCduSource source = RedfishCduSource.create(settings("session", "wrong", bmc.trustStore), RACK,
                new UnsupportedReadings("redfish", new CollectorMetrics()))) {
            assertThatThrownBy(() -> source.read(1L)).hasMessageContaining("Redfish login as 'admin' failed: HTTP 401");
        }
    }

    @Test
    void selfSignedCertificateIsRefusedWithoutTheTrustStore() {
        try (RedfishCduSource source = RedfishCduSource.create(settings("basic", MockBmc.PASSWORD, null), RACK,
                new UnsupportedReadings("redfish", new CollectorMetrics()))) {
            assertThatThrownBy(() -> source.read(1L))
                    .satisfies(e -> assertThat(causes(e)).as("refused in the TLS handshake for its certificate, not an HTTP error")
                            .anySatisfy(c -> assertThat(c).isInstanceOf(SSLHandshakeException.class))
                            .anySatisfy(c -> assertThat(c).isInstanceOfAny(CertificateException.class, CertPathBuilderException.class)))
                    .hasMessageContaining(bmc.url() + CDU);
        }
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable c = e; c != null && !chain.contains(c); c = c.getCause()) {
            chain.add(c);
        }
        return chain;
    }

    @Test
    void unreadableTrustStoreFailsNamingTheSetting() {
        assertThatThrownBy(() -> RedfishCduSource.create(settings("basic", "x", dir.resolve("missing.p12")), RACK,
                new UnsupportedReadings("redfish", new CollectorMetrics())))
                .hasMessageContaining("TW_REDFISH_TRUSTSTORE");
    }
}
