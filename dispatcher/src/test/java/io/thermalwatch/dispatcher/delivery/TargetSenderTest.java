package io.thermalwatch.dispatcher.delivery;

import static io.thermalwatch.dispatcher.Alerts.T0_MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thermalwatch.dispatcher.Alerts;
import io.thermalwatch.dispatcher.alertmanager.AlertPoster;
import io.thermalwatch.dispatcher.alertmanager.AlertmanagerClient;
import io.thermalwatch.dispatcher.alertmanager.AlertmanagerPayload;
import io.thermalwatch.dispatcher.intake.FiringAlerts;
import io.thermalwatch.model.ThermalAlert;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sender's resend of a large firing set, against a recording {@link AlertPoster} that acts on
 * the sender's thread while a POST is "in flight" (so what arrives during a POST is deterministic).
 */
class TargetSenderTest {

    private static final int FIRING = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FiringAlerts firing = new FiringAlerts();
    private final TargetQueue queue = new TargetQueue();
    private final List<List<Posted>> posts = new CopyOnWriteArrayList<>();
    private Thread thread;

    /** One alert of a POST: its rack (unique per alert here) and whether it was sent as resolved. */
    record Posted(String rack, boolean resolved) {
    }

    @AfterEach
    void stop() throws InterruptedException {
        queue.close();
        if (thread != null) {
            thread.join(10_000);
        }
    }

    @Test
    void aStateThatArrivesDuringAResendGoesOutBeforeTheRestOfIt() {
        fire(FIRING);
        ThermalAlert page = Alerts.loop("coolant-leak", "critical", "new-rack", T0_MS);
        start(post -> {
            if (posts.size() == 1) { // the resend's first POST is in flight: a leak fires
                queue.offer(firing.apply(page, 0, 1, T0_MS));
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> posts.size() >= 3);
        assertThat(posts.get(0)).as("the resend's first chunk").hasSize(TargetSender.RESEND_CHUNK)
                .noneMatch(p -> p.rack().equals("new-rack"));
        assertThat(posts.get(1)).as("the next POST: the new alert, not the rest of the resend")
                .containsExactly(new Posted("new-rack", false));
        assertThat(posts.get(2)).as("then the resend goes on").hasSize(TargetSender.RESEND_CHUNK);
    }

    @Test
    void aResendSendsEveryFiringAlertOnceAndNotOneResolvedMeanwhile() {
        fire(FIRING);
        AtomicReference<String> resolvedRack = new AtomicReference<>();
        start(post -> {
            if (posts.size() == 1) { // an alert the resend has yet to send resolves
                String rack = IntStream.range(0, FIRING).mapToObj(TargetSenderTest::rack)
                        .filter(r -> post.stream().noneMatch(p -> p.rack().equals(r))).findFirst().orElseThrow();
                resolvedRack.set(rack);
                ThermalAlert late = Alerts.gpu("gpu-hbm-margin", "warning", rack, T0_MS);
                queue.offer(firing.apply(Alerts.resolved(late, T0_MS + 1_000), 0, 2, T0_MS + 1_000));
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> posts.stream().mapToInt(List::size).sum() >= FIRING);
        List<Posted> all = new ArrayList<>();
        posts.forEach(all::addAll);
        List<Posted> firstResend = all.subList(0, FIRING);
        String rack = resolvedRack.get();
        assertThat(firstResend).as("the resolve of %s, and every other alert once, as firing", rack)
                .contains(new Posted(rack, true))
                .doesNotContain(new Posted(rack, false))
                .filteredOn(p -> !p.resolved()).extracting(Posted::rack).doesNotHaveDuplicates().hasSize(FIRING - 1);
        assertThat(posts).allSatisfy(post -> assertThat(post.size()).isLessThanOrEqualTo(TargetSender.RESEND_CHUNK));
    }

    private void fire(int n) {
        for (int i = 0; i < n; i++) {
            firing.restore(Alerts.gpu("gpu-hbm-margin", "warning", rack(i), T0_MS));
        }
    }

    private static String rack(int i) {
        return String.format("k%04d", i);
    }

    /** Runs a sender that resends every 100 ms, calling {@code during} inside each POST. */
    private void start(Consumer<List<Posted>> during) {
        AlertPoster poster = new AlertPoster() {
            @Override
            public AlertmanagerClient.Result post(byte[] jsonArray) {
                List<Posted> post = parse(jsonArray);
                posts.add(post);
                during.accept(post);
                return new AlertmanagerClient.Result(AlertmanagerClient.Outcome.DELIVERED, null);
            }

            @Override
            public URI alertsUri() {
                return URI.create("http://recording/api/v2/alerts");
            }
        };
        TargetSender sender = new TargetSender(queue, poster,
                new AlertmanagerPayload(URI.create("http://api"), Duration.ofMinutes(4)), firing,
                Duration.ofMillis(100), Duration.ofSeconds(1), Clock.systemUTC(),
                new TargetStats(poster.alertsUri(), queue));
        thread = new Thread(sender, "target-sender-test");
        thread.start();
    }

    private static List<Posted> parse(byte[] body) {
        try {
            List<Posted> out = new ArrayList<>();
            long now = System.currentTimeMillis();
            for (JsonNode a : JSON.readTree(body)) {
                boolean resolved = Instant.parse(a.get("endsAt").asText()).toEpochMilli() <= now;
                out.add(new Posted(a.get("labels").get("rack").asText(), resolved));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
