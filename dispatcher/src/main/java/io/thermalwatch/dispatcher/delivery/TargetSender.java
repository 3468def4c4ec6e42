package io.thermalwatch.dispatcher.delivery;

import io.thermalwatch.dispatcher.alertmanager.AlertPoster;
import io.thermalwatch.dispatcher.alertmanager.AlertmanagerClient.Outcome;
import io.thermalwatch.dispatcher.alertmanager.AlertmanagerClient.Result;
import io.thermalwatch.dispatcher.alertmanager.AlertmanagerPayload;
import io.thermalwatch.model.ThermalAlert;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one Alertmanager's queue, on its own thread, so an Alertmanager that is down holds back
 * no other. Sends what is pending as it arrives; every resend interval sends every firing alert
 * again (a fresh endsAt); retries a failed POST with exponential backoff (100 ms doubling up to the
 * configured maximum) until it succeeds, keeping the states pending meanwhile.
 *
 * <p><b>The resend never holds back a page.</b> A hall's firing set can be tens of thousands of
 * alerts (every node of a silent row is stale), which is dozens of POSTs; sent in one go it kept a
 * new alert waiting for all of them (the benchmark measured a fault 9 s late to the webhook). So the
 * resend is a backlog of alert ids sent {@value #RESEND_CHUNK} at a time, taking turns with the
 * pending states: a new state waits for at most one resend chunk. Each chunk reads the alerts' latest
 * state when it is sent, so an alert resolved meanwhile is not sent as firing again.
 */
public final class TargetSender implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(TargetSender.class);
    /** Alerts per POST: Alertmanager takes far more, but a bounded body keeps each request short. */
    static final int MAX_BATCH = 500;
    /** Alerts per POST of the resend: what a new state may wait for. */
    static final int RESEND_CHUNK = 200;
    static final long FIRST_BACKOFF_MS = 100;

    private final TargetQueue queue;
    private final AlertPoster client;
    private final AlertmanagerPayload payload;
    private final FiringView firing;
    private final long resendMs;
    private final long maxBackoffMs;
    private final Clock clock;
    private final TargetStats stats;
    /** Ids of firing alerts the current resend has still to send, in order. */
    private final ArrayDeque<String> resend = new ArrayDeque<>();
    private long downSinceMs = -1;

    public TargetSender(TargetQueue queue, AlertPoster client, AlertmanagerPayload payload, FiringView firing,
            Duration resendInterval, Duration maxBackoff, Clock clock, TargetStats stats) {
        this.queue = queue;
        this.client = client;
        this.payload = payload;
        this.firing = firing;
        this.resendMs = resendInterval.toMillis();
        this.maxBackoffMs = maxBackoff.toMillis();
        this.clock = clock;
        this.stats = stats;
    }

    @Override
    public void run() {
        long nextResendMs = clock.millis() + resendMs;
        long backoffMs = 0;
        boolean resendTurn = false;
        try {
            while (true) {
                long now = clock.millis();
                if (now >= nextResendMs) {
                    if (resend.isEmpty()) { // one still under way (Alertmanager down) goes on, not again
                        resend.addAll(firing.ids());
                    }
                    nextResendMs = now + resendMs;
                }
                List<Outbound> batch = List.of();
                int resent = 0;
                if (!resend.isEmpty() && (resendTurn || queue.size() == 0)) {
                    resent = Math.min(RESEND_CHUNK, resend.size());
                } else {
                    batch = queue.peek(MAX_BATCH);
                }
                if (batch.isEmpty() && resent == 0) {
                    if (!queue.awaitWork(nextResendMs - now)) {
                        return;
                    }
                    continue;
                }
                List<ThermalAlert> alerts = resent > 0 ? latestFiring(resent) : batch.stream().map(Outbound::alert).toList();
                if (deliver(batch, alerts) == Outcome.RETRY) {
                    backoffMs = backoffMs == 0 ? FIRST_BACKOFF_MS : Math.min(maxBackoffMs, backoffMs * 2);
                    if (!queue.pause(backoffMs)) {
                        return;
                    }
                    continue;
                }
                backoffMs = 0;
                for (int i = 0; i < resent; i++) {
                    resend.poll();
                }
                resendTurn = resent == 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("sender for {} failed", client.alertsUri(), e);
            throw e;
        }
    }

    /** The latest state of the first {@code n} alerts of the resend that still fire. */
    private List<ThermalAlert> latestFiring(int n) {
        List<ThermalAlert> alerts = new ArrayList<>(n);
        Iterator<String> ids = resend.iterator();
        for (int i = 0; i < n; i++) {
            ThermalAlert a = firing.get(ids.next());
            if (a != null) {
                alerts.add(a);
            }
        }
        return alerts;
    }

    /**
     * Posts {@code alerts} (at most {@link #MAX_BATCH}: a peek of the queue or a resend chunk) in one
     * POST, none when empty; acknowledges {@code batch} when they went through or were refused.
     */
    private Outcome deliver(List<Outbound> batch, List<ThermalAlert> alerts) throws InterruptedException {
        if (!alerts.isEmpty()) {
            Result result = client.post(payload.encode(alerts, clock.millis()));
            if (result.outcome() == Outcome.RETRY) {
                markDown(result, batch.size());
                return Outcome.RETRY;
            }
            markUp();
            if (result.outcome() == Outcome.REJECTED && !oneByOne(alerts, result)) {
                return Outcome.RETRY;
            }
            if (result.outcome() == Outcome.DELIVERED) {
                stats.delivered.addAndGet(alerts.size());
            }
        }
        queue.acknowledge(batch);
        return Outcome.DELIVERED;
    }

    /** A refused batch: sends its alerts singly so that only the bad ones are dropped (at WARN). */
    private boolean oneByOne(List<ThermalAlert> chunk, Result batchResult) throws InterruptedException {
        LOG.warn("{} refused a batch of {} alerts ({}); sending them one by one", client.alertsUri(), chunk.size(), batchResult.detail());
        for (ThermalAlert a : chunk) {
            Result r = client.post(payload.encode(List.of(a), clock.millis()));
            switch (r.outcome()) {
                case DELIVERED -> stats.delivered.incrementAndGet();
                case REJECTED -> {
                    stats.rejected.incrementAndGet();
                    LOG.warn("{} refused alert {} ({} {}): {}; dropped", client.alertsUri(), a.id(), a.severity(), a.state(), r.detail());
                }
                case RETRY -> {
                    markDown(r, chunk.size());
                    return false;
                }
            }
        }
        return true;
    }

    private void markDown(Result result, int pending) {
        stats.failedPosts.incrementAndGet();
        if (stats.up.getAndSet(false)) {
            downSinceMs = clock.millis();
            LOG.warn("Alertmanager {} unreachable ({}); {} alert states wait, retrying with backoff up to {} ms",
                    client.alertsUri(), result.detail(), pending, maxBackoffMs);
        } else {
            LOG.debug("Alertmanager {} still unreachable: {}", client.alertsUri(), result.detail());
        }
    }

    private void markUp() {
        if (!stats.up.getAndSet(true)) {
            LOG.info("Alertmanager {} reachable again after {} ms; delivering {} waiting alert states",
                    client.alertsUri(), clock.millis() - downSinceMs, queue.size());
        }
    }
}
