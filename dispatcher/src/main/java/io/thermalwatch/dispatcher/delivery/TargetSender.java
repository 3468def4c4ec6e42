package io.thermalwatch.dispatcher.delivery;

import io.thermalwatch.dispatcher.alertmanager.AlertmanagerClient;
import io.thermalwatch.dispatcher.alertmanager.AlertmanagerClient.Outcome;
import io.thermalwatch.dispatcher.alertmanager.AlertmanagerClient.Result;
import io.thermalwatch.dispatcher.alertmanager.AlertmanagerPayload;
import io.thermalwatch.model.ThermalAlert;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one Alertmanager's queue, on its own thread, so an Alertmanager that is down holds back
 * no other. Sends what is pending as it arrives; every resend interval adds every firing alert (a
 * fresh endsAt); retries a failed POST with exponential backoff (100 ms doubling up to the
 * configured maximum) until it succeeds, keeping the states pending meanwhile.
 */
public final class TargetSender implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(TargetSender.class);
    /** Alerts per POST: Alertmanager takes far more, but a bounded body keeps each request short. */
    static final int MAX_BATCH = 500;
    static final long FIRST_BACKOFF_MS = 100;

    private final TargetQueue queue;
    private final AlertmanagerClient client;
    private final AlertmanagerPayload payload;
    private final Supplier<List<ThermalAlert>> firing;
    private final long resendMs;
    private final long maxBackoffMs;
    private final Clock clock;
    private final TargetStats stats;
    private long downSinceMs = -1;

    public TargetSender(TargetQueue queue, AlertmanagerClient client, AlertmanagerPayload payload,
            Supplier<List<ThermalAlert>> firing, Duration resendInterval, Duration maxBackoff, Clock clock, TargetStats stats) {
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
        try {
            while (true) {
                long now = clock.millis();
                boolean resendDue = now >= nextResendMs;
                if (!resendDue && queue.size() == 0) {
                    if (!queue.awaitWork(nextResendMs - now)) {
                        return;
                    }
                    continue;
                }
                List<Outbound> batch = queue.peek(MAX_BATCH);
                List<ThermalAlert> alerts = withResend(batch, resendDue);
                Outcome outcome = deliver(batch, alerts);
                if (outcome == Outcome.RETRY) {
                    backoffMs = backoffMs == 0 ? FIRST_BACKOFF_MS : Math.min(maxBackoffMs, backoffMs * 2);
                    if (!queue.pause(backoffMs)) {
                        return;
                    }
                    continue;
                }
                backoffMs = 0;
                if (resendDue) {
                    nextResendMs = now + resendMs;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("sender for {} failed", client.alertsUri(), e);
            throw e;
        }
    }

    private List<ThermalAlert> withResend(List<Outbound> batch, boolean resendDue) {
        List<ThermalAlert> alerts = new ArrayList<>(batch.size());
        Set<String> keys = new HashSet<>();
        for (Outbound o : batch) {
            alerts.add(o.alert());
            keys.add(o.key());
        }
        if (resendDue) {
            for (ThermalAlert a : firing.get()) {
                if (!keys.contains(Outbound.keyOf(a))) {
                    alerts.add(a);
                }
            }
        }
        return alerts;
    }

    /** Posts {@code alerts} in chunks; acknowledges {@code batch} when all went through or were refused. */
    private Outcome deliver(List<Outbound> batch, List<ThermalAlert> alerts) throws InterruptedException {
        for (int from = 0; from < alerts.size(); from += MAX_BATCH) {
            List<ThermalAlert> chunk = alerts.subList(from, Math.min(alerts.size(), from + MAX_BATCH));
            Result result = client.post(payload.encode(chunk, clock.millis()));
            if (result.outcome() == Outcome.RETRY) {
                markDown(result, batch.size());
                return Outcome.RETRY;
            }
            markUp();
            if (result.outcome() == Outcome.REJECTED && !oneByOne(chunk, result)) {
                return Outcome.RETRY;
            }
            if (result.outcome() == Outcome.DELIVERED) {
                stats.delivered.addAndGet(chunk.size());
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
