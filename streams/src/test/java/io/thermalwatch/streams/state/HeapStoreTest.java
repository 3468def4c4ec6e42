package io.thermalwatch.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.Test;

class HeapStoreTest {

    static final HeapStore.Codec<long[]> COUNTER = new HeapStore.Codec<>() {
        @Override
        public byte[] encode(long[] value) {
            return ByteBuffer.allocate(8).putLong(value[0]).array();
        }

        @Override
        public long[] decode(byte[] bytes) {
            return new long[] {ByteBuffer.wrap(bytes).getLong()};
        }
    };

    /** Counts records per key in place, emits the count. */
    static final class Counter implements Processor<String, String, String, Long> {
        private HeapStore<long[]> store;
        private ProcessorContext<String, Long> context;

        @Override
        public void init(ProcessorContext<String, Long> context) {
            this.context = context;
            this.store = context.getStateStore("counts");
        }

        @Override
        public void process(Record<String, String> record) {
            long[] count = store.get(record.key());
            if (count == null) {
                count = new long[1];
                store.put(record.key(), count);
            }
            count[0]++;
            store.markDirty(record.key());
            if ("forget".equals(record.value())) {
                store.delete(record.key());
            }
            context.forward(record.withValue(count[0]));
        }
    }

    @Test
    void changedValuesReachTheChangelogAtCommitAndDeletesAreTombstones() {
        Topology topology = new Topology();
        topology.addSource("in", "in-topic");
        topology.addProcessor("count", Counter::new, "in");
        topology.addStateStore(new HeapStoreBuilder<>("counts", COUNTER), "count");
        topology.addSink("out", "out-topic", new StringSerializer(), new org.apache.kafka.common.serialization.LongSerializer(), "count");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "heap-store-test");
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
            TestInputTopic<String, String> in = driver.createInputTopic("in-topic", new StringSerializer(), new StringSerializer());
            in.pipeInput("a", "x");
            in.pipeInput("a", "x");
            in.pipeInput("b", "x");
            in.pipeInput("b", "forget");
            TestOutputTopic<String, byte[]> changelog = driver.createOutputTopic("heap-store-test-counts-changelog",
                    new StringDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer());
            var records = changelog.readRecordsToList();
            assertThat(records).extracting(r -> r.key()).containsExactly("a", "a", "b", "b");
            assertThat(COUNTER.decode(records.get(1).value())[0]).isEqualTo(2);
            assertThat(records.get(3).value()).as("tombstone").isNull();
            TestOutputTopic<String, Long> out = driver.createOutputTopic("out-topic", new StringDeserializer(), new LongDeserializer());
            assertThat(out.readValuesToList()).containsExactly(1L, 2L, 1L, 2L);
        }
    }
}
