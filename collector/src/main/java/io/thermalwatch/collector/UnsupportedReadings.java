package io.thermalwatch.collector;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GPU or field a source cannot read: counted every time, logged once per distinct thing, so a
 * card that never reports power does not fill the log once a second.
 */
public final class UnsupportedReadings {

    private static final Logger LOG = LoggerFactory.getLogger(UnsupportedReadings.class);

    private final String source;
    private final CollectorMetrics metrics;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    public UnsupportedReadings(String source, CollectorMetrics metrics) {
        this.source = source;
        this.metrics = metrics;
    }

    /** @param what e.g. {@code GPU-1234 (NVIDIA GT 1030): no power reading} */
    public void report(String what) {
        metrics.unsupported(source);
        if (logged.add(what)) {
            LOG.warn("{}: cannot read {}; carrying on without it (logged once)", source, what);
        }
    }
}
