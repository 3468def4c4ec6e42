package io.thermalwatch.dispatcher.delivery;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** One Alertmanager's delivery counters (see {@code DispatcherMetrics}). */
public final class TargetStats {

    public final URI url;
    public final AtomicLong delivered = new AtomicLong();
    public final AtomicLong failedPosts = new AtomicLong();
    public final AtomicLong rejected = new AtomicLong();
    public final AtomicBoolean up = new AtomicBoolean(true);
    private final TargetQueue queue;

    public TargetStats(URI url, TargetQueue queue) {
        this.url = url;
        this.queue = queue;
    }

    public int pending() {
        return queue.size();
    }
}
