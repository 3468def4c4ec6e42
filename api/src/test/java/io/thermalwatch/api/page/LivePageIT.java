package io.thermalwatch.api.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.thermalwatch.api.security.TestTokens;
import io.thermalwatch.broker.KafkaBroker;
import io.thermalwatch.model.RackAggregate;
import io.thermalwatch.model.RackAggregateJson;
import io.thermalwatch.model.ThermalAlert;
import io.thermalwatch.model.ThermalAlertJson;
import io.thermalwatch.model.Topics;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live page in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}),
 * against the real API fed from a real broker: racks render coloured by margin, an injected fault's
 * alert appears and resolves live, a click shows a rack's fields. Saves {@code target/live-page.png}.
 */
class LivePageIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final long NOW = System.currentTimeMillis();
    /** Margins to slowdown, °C, of racks k01..k04 in each row: red, amber, yellow, green. */
    private static final double[] MARGINS = {2.5, 7.0, 15.0, 30.0};

    private static KafkaBroker broker;
    private static KafkaProducer<String, byte[]> producer;
    private static EmbeddedServer server;
    private static WebDriver browser;

    @BeforeAll
    static void start() {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("LivePageIT needs Debian's chromium and chromium-driver: apt-get install chromium chromium-driver"
                        + " (bin/test installs them)").isTrue();
        broker = KafkaBroker.startEphemeral();
        broker.createTopics(List.of(new NewTopic(Topics.RACK_AGGREGATES, 2, (short) 1),
                new NewTopic(Topics.ALERTS, 2, (short) 1)));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(), "micronaut.server.port", -1,
                TestTokens.PROPERTY, TestTokens.SECRET));
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.getApplicationContext().close();
        }
        if (producer != null) {
            producer.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void pageShowsRacksByMarginAndAlertsLiveAndARacksFieldsOnClick() throws Exception {
        browser.get(server.getURL() + "/#token=" + TestTokens.token("viewer"));
        // windows that closed just now: starting the broker and the browser took a while, and a window
        // that ended more than stale-after (60 s) ago would be grey
        long now = System.currentTimeMillis();
        long recent = now - now % 10_000 - 10_000;
        for (String row : List.of("r01", "r02")) {
            for (int k = 0; k < MARGINS.length; k++) {
                publish(window(row + "-k0" + (k + 1), recent, MARGINS[k]));
            }
        }
        producer.flush();
        WebDriverWait wait = new WebDriverWait(browser, DEADLINE);
        wait.ignoring(StaleElementReferenceException.class);
        wait.until(b -> b.findElements(By.cssSelector(".rack")).size() == 8);
        assertThat(cssClass("r01-k01")).contains("m-red");
        assertThat(cssClass("r01-k02")).contains("m-amber");
        assertThat(cssClass("r02-k03")).contains("m-yellow");
        assertThat(cssClass("r02-k04")).contains("m-green");
        assertThat(browser.findElements(By.cssSelector(".row"))).hasSize(2);

        ThermalAlert fault = alert(ThermalAlert.FIRING);
        publishAlert(fault);
        producer.flush();
        By faultItem = By.cssSelector("#alerts li[data-alert-id='" + fault.id() + "']");
        wait.until(b -> !b.findElements(faultItem).isEmpty());
        assertThat(browser.findElement(faultItem).getText()).contains(fault.summary()).contains("critical");

        wait.until(b -> {
            b.findElement(By.cssSelector(".rack[data-rack='r01-k01']")).click();
            return b.findElement(By.id("detail")).getText().contains("totalPowerW");
        });
        wait.until(b -> b.findElement(By.id("detail")).getText().contains("GPU"));
        String detail = browser.findElement(By.id("detail")).getText();
        assertThat(detail).contains("Rack r01-k01", "minSlowdownMargin", "2.5");

        Path shot = Path.of("target", "live-page.png");
        Files.write(shot, ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
        System.out.println("live page screenshot: " + shot.toAbsolutePath() + " (" + Files.size(shot) + " bytes)");

        publishAlert(alert(ThermalAlert.RESOLVED));
        producer.flush();
        wait.until(b -> b.findElements(faultItem).isEmpty());
    }

    private static String cssClass(String rack) {
        return browser.findElement(By.cssSelector(".rack[data-rack='" + rack + "']")).getAttribute("class");
    }

    private static RackAggregate window(String rack, long startMs, double marginC) {
        double powerW = 60_000 + 10_000 * marginC / 30;
        return new RackAggregate(1, "ams1", "h1", rack.substring(0, 3), rack, startMs, startMs + 10_000, 18, 72, 180,
                powerW, 48.25, 61.5, 70.0, 0, 18, 72, 0, 0, new RackAggregate.Margin(marginC, rack + "-n07", 2), 140.0,
                powerW / 1400.0, 30.0, 42.0, 12.0, 61.0, 50.5, 0.9);
    }

    private static ThermalAlert alert(String state) {
        boolean firing = ThermalAlert.FIRING.equals(state);
        return new ThermalAlert(1, "gpu-slowdown-margin|r01-k01|r01-k01-n07|2", "gpu-slowdown-margin", "critical",
                state, "ams1", "h1", "r01", "r01-k01", "r01-k01-n07", 2, null, 2.5, firing ? 3.0 : null, NOW - 30_000,
                firing ? null : NOW, "GPU 2 of r01-k01-n07 is 2.5 °C from slowdown", null, null);
    }

    private static void publish(RackAggregate a) {
        producer.send(new ProducerRecord<>(Topics.RACK_AGGREGATES, a.rack(), RackAggregateJson.write(a)));
    }

    private static void publishAlert(ThermalAlert a) {
        producer.send(new ProducerRecord<>(Topics.ALERTS, a.id(), ThermalAlertJson.write(a)));
    }
}
