package io.thermalwatch.api.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

class LiveFeedTest {

    /** A client that requests only when the test says so: a browser that stopped reading. */
    private static final class SlowClient extends BaseSubscriber<Integer> {
        final List<Integer> received = new CopyOnWriteArrayList<>();

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            // requests nothing yet
        }

        @Override
        protected void hookOnNext(Integer value) {
            received.add(value);
        }
    }

    @Test
    void slowClientLosesItsOldestChangesWithoutBlockingThePublisherAndTheyAreCounted() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LiveFeed<Integer> feed = new LiveFeed<>("test", 4, registry);
        SlowClient slow = new SlowClient();
        feed.subscribe(() -> List.of(-1)).subscribe(slow);
        assertThat(feed.clients()).isEqualTo(1);

        IntStream.range(0, 10).forEach(feed::publish); // returns although nobody reads

        slow.request(100);
        assertThat(slow.received).containsExactly(6, 7, 8, 9);
        assertThat(feed.dropped()).isEqualTo(7.0); // the snapshot's -1 and 0..5
        assertThat(registry.get("thermalwatch.api.live.dropped").tag("stream", "test").counter().count()).isEqualTo(7.0);
        feed.publish(10);
        assertThat(slow.received).endsWith(10);
    }

    @Test
    void fastClientGetsSnapshotThenEveryChangeAndLeavesOnCancel() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LiveFeed<Integer> feed = new LiveFeed<>("test", 4, registry);
        List<Integer> received = new CopyOnWriteArrayList<>();
        var subscription = feed.subscribe(() -> List.of(1, 2)).subscribe(received::add);
        IntStream.range(3, 20).forEach(feed::publish);
        assertThat(received).containsExactlyElementsOf(IntStream.range(1, 20).boxed().toList());
        assertThat(feed.dropped()).isZero();
        assertThat(registry.get("thermalwatch.api.live.clients").tag("stream", "test").gauge().value()).isEqualTo(1.0);
        subscription.dispose();
        assertThat(feed.clients()).isZero();
    }
}
