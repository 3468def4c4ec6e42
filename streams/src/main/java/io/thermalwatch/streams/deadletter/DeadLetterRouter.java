package io.thermalwatch.streams.deadletter;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.thermalwatch.model.DeadLetterHeaders;
import io.thermalwatch.streams.validate.Validated;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a rejected record back into its original bytes, with the reason and its origin (topic,
 * partition, offset) in headers, for the dead-letter topic. Logs at WARN with the origin: the
 * first rejection of each reason, then at most one line a minute per reason with the count since.
 */
public final class DeadLetterRouter implements FixedKeyProcessor<String, Validated, byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRouter.class);
    private static final long LOG_EVERY_MS = 60_000;

    private final Clock clock;
    private final Map<io.thermalwatch.model.RejectReason, long[]> logState = new EnumMap<>(io.thermalwatch.model.RejectReason.class);
    private FixedKeyProcessorContext<String, byte[]> context;

    public DeadLetterRouter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, Validated> record) {
        Validated.Rejected rejected = (Validated.Rejected) record.value();
        RecordMetadata origin = context.recordMetadata().orElse(null);
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(DeadLetterHeaders.REASON, rejected.message().getBytes(UTF_8));
        headers.add(DeadLetterHeaders.REASON_CODE, rejected.reason().code().getBytes(UTF_8));
        if (origin != null) {
            headers.add(DeadLetterHeaders.SOURCE_TOPIC, origin.topic().getBytes(UTF_8));
            headers.add(DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(origin.partition()).getBytes(UTF_8));
            headers.add(DeadLetterHeaders.SOURCE_OFFSET, Long.toString(origin.offset()).getBytes(UTF_8));
        }
        logOccasionally(rejected, origin);
        context.forward(record.withValue(rejected.original()).withHeaders(headers));
    }

    private void logOccasionally(Validated.Rejected rejected, RecordMetadata origin) {
        long now = clock.millis();
        long[] state = logState.computeIfAbsent(rejected.reason(), r -> new long[] {Long.MIN_VALUE, 0});
        state[1]++;
        if (state[0] == Long.MIN_VALUE || now - state[0] >= LOG_EVERY_MS) {
            String where = origin == null ? "unknown origin"
                    : origin.topic() + "/" + origin.partition() + "@" + origin.offset();
            LOG.warn("dead-lettered {} record(s) as {} since the last report; latest at {}: {}",
                    state[1], rejected.reason().code(), where, rejected.message());
            state[0] = now;
            state[1] = 0;
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("dead-lettered {}: {}", rejected.reason().code(), rejected.message());
        }
    }
}
