package io.thermalwatch.streams.inventory;

import io.thermalwatch.model.InvalidTelemetryException;
import io.thermalwatch.model.RackInventory;
import io.thermalwatch.model.RackInventoryJson;
import io.thermalwatch.model.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inventory as a global store: every instance holds every rack's entry (a few hundred bytes a
 * rack), read from the compacted {@link Topics#INVENTORY} topic, the latest record per rack, a
 * tombstone removing it. Kept as the record's bytes: Kafka Streams restores a global store from
 * its topic without this processor, so the reader of the store ({@link InventoryLookup}) is the
 * one place that parses, and a bad entry there means "not in the inventory", never a failed thread.
 */
public final class InventoryStore implements Processor<String, byte[], Void, Void> {

    /** The global store's name. */
    public static final String STORE = "inventory-store";

    private static final Logger LOG = LoggerFactory.getLogger(InventoryStore.class);

    private KeyValueStore<String, byte[]> store;
    private ProcessorContext<Void, Void> context;

    /** Adds the global inventory store to {@code builder}. */
    public static void addTo(StreamsBuilder builder) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray())
                        .withLoggingDisabled(),
                Topics.INVENTORY,
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("inventory-source"),
                InventoryStore::new);
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            warn("has no key (the rack id)", null);
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
            return;
        }
        try {
            RackInventory entry = RackInventoryJson.read(record.value());
            if (!entry.rack().equals(record.key())) {
                warn("is keyed '" + record.key() + "' but is rack '" + entry.rack() + "'", null);
                return;
            }
        } catch (InvalidTelemetryException e) {
            warn("for rack '" + record.key() + "' is invalid", e.getMessage());
            return;
        }
        store.put(record.key(), record.value());
    }

    private void warn(String what, String why) {
        RecordMetadata m = context.recordMetadata().orElse(null);
        String where = m == null ? "" : m.topic() + "/" + m.partition() + "@" + m.offset();
        LOG.warn("skipped an inventory record at {} that {}{}", where, what, why == null ? "" : ": " + why);
    }
}
