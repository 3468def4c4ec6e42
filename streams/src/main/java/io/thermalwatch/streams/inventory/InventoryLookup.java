package io.thermalwatch.streams.inventory;

import io.thermalwatch.model.InvalidTelemetryException;
import io.thermalwatch.model.RackInventory;
import io.thermalwatch.model.RackInventoryJson;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rack's inventory entry for the hot path: parsed entries are kept for {@link #REFRESH_MS} of
 * wall clock, then read again from the global store, so a changed inventory applies within that
 * time and a record costs a hash lookup, not a JSON parse. One per task (not thread-safe).
 */
public final class InventoryLookup implements Function<String, RackInventory> {

    /** How long a parsed entry (or its absence) is trusted, ms. */
    public static final long REFRESH_MS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(InventoryLookup.class);

    private final ReadOnlyKeyValueStore<String, byte[]> store;
    private final Clock clock;
    private final Map<String, Entry> cache = new HashMap<>();

    private record Entry(RackInventory inventory, byte[] raw, long readAtMs) {
    }

    public InventoryLookup(ReadOnlyKeyValueStore<String, byte[]> store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The rack's entry, or null when the inventory has none (or only an unreadable one). */
    @Override
    public RackInventory apply(String rack) {
        long now = clock.millis();
        Entry e = cache.get(rack);
        if (e != null && now - e.readAtMs < REFRESH_MS && now >= e.readAtMs) {
            return e.inventory;
        }
        byte[] raw = store.get(rack);
        RackInventory inventory = e != null && Arrays.equals(raw, e.raw) ? e.inventory : parse(rack, raw);
        cache.put(rack, new Entry(inventory, raw, now));
        return inventory;
    }

    private static RackInventory parse(String rack, byte[] raw) {
        if (raw == null) {
            return null;
        }
        try {
            return RackInventoryJson.read(raw);
        } catch (InvalidTelemetryException e) {
            LOG.warn("the inventory entry of rack '{}' is unreadable; the rack is judged without one: {}", rack, e.getMessage());
            return null;
        }
    }
}
