package io.thermalwatch.dispatcher;

import io.thermalwatch.dispatcher.delivery.TargetStats;
import io.thermalwatch.dispatcher.intake.AlertIntake;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/** The dispatcher's counters, rendered in the Prometheus text format for {@code /metrics}. */
public final class DispatcherMetrics implements AlertIntake.IntakeCounters {

    final AtomicLong recordsConsumed = new AtomicLong();
    final AtomicLong recordsInvalid = new AtomicLong();
    final AtomicLong commitLagRecords = new AtomicLong();
    private final List<TargetStats> targets;
    private final IntSupplier firing;

    DispatcherMetrics(List<TargetStats> targets, IntSupplier firing) {
        this.targets = List.copyOf(targets);
        this.firing = firing;
    }

    @Override
    public void consumed() {
        recordsConsumed.incrementAndGet();
    }

    @Override
    public void invalid() {
        recordsInvalid.incrementAndGet();
    }

    @Override
    public void uncommitted(long records) {
        commitLagRecords.set(records);
    }

    public String prometheusText() {
        StringBuilder sb = new StringBuilder(1024);
        counter(sb, "tw_dispatcher_records_consumed_total", "alert state changes read from the alerts topic", recordsConsumed.get());
        counter(sb, "tw_dispatcher_records_invalid_total", "alert records that could not be read (logged at WARN)", recordsInvalid.get());
        gauge(sb, "tw_dispatcher_alerts_firing", "alerts firing now, resent every TW_DISPATCHER_RESEND_INTERVAL", firing.getAsInt());
        gauge(sb, "tw_dispatcher_uncommitted_records", "records read but not yet delivered to every Alertmanager", commitLagRecords.get());
        sb.append("# HELP tw_dispatcher_alerts_delivered_total alert states an Alertmanager accepted\n# TYPE tw_dispatcher_alerts_delivered_total counter\n");
        targets.forEach(t -> sample(sb, "tw_dispatcher_alerts_delivered_total", t, t.delivered.get()));
        sb.append("# HELP tw_dispatcher_posts_failed_total POSTs that failed and are retried\n# TYPE tw_dispatcher_posts_failed_total counter\n");
        targets.forEach(t -> sample(sb, "tw_dispatcher_posts_failed_total", t, t.failedPosts.get()));
        sb.append("# HELP tw_dispatcher_alerts_rejected_total alert states an Alertmanager refused (4xx; logged at WARN)\n# TYPE tw_dispatcher_alerts_rejected_total counter\n");
        targets.forEach(t -> sample(sb, "tw_dispatcher_alerts_rejected_total", t, t.rejected.get()));
        sb.append("# HELP tw_dispatcher_pending alert states waiting for an Alertmanager\n# TYPE tw_dispatcher_pending gauge\n");
        targets.forEach(t -> sample(sb, "tw_dispatcher_pending", t, t.pending()));
        sb.append("# HELP tw_dispatcher_alertmanager_up 1 when the last POST to an Alertmanager succeeded\n# TYPE tw_dispatcher_alertmanager_up gauge\n");
        targets.forEach(t -> sample(sb, "tw_dispatcher_alertmanager_up", t, t.up.get() ? 1 : 0));
        return sb.toString();
    }

    private static void sample(StringBuilder sb, String name, TargetStats t, long value) {
        sb.append(name).append("{alertmanager=\"").append(t.url.toString().replace("\\", "\\\\").replace("\"", "\\\""))
                .append("\"} ").append(value).append('\n');
    }

    private static void counter(StringBuilder sb, String name, String help, long value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(" counter\n")
                .append(name).append(' ').append(value).append('\n');
    }

    private static void gauge(StringBuilder sb, String name, String help, long value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(" gauge\n")
                .append(name).append(' ').append(value).append('\n');
    }
}
