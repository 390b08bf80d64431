package imps.cluster;

import com.hazelcast.map.EntryStore;
import imps.store.EntryTable;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a services' shared map through to its {@link EntryTable} and reads missing entries back
 * from it (docs/store.md). Hazelcast calls it on the key's partition thread, inside the entry
 * processor that changes the entry: the change is answered only after the row is committed, and a
 * failed write fails the change, which then leaves the entry as it was. The table's statements are
 * bounded, so a slow database delays a partition by at most the store's timeouts.
 */
final class TableMapStore<V> implements EntryStore<String, V> {
    private final EntryTable table;

    TableMapStore(EntryTable table) {
        this.table = table;
    }

    @Override
    public MetadataAwareValue<V> load(String key) {
        EntryTable.Row row = table.load(key);
        return row == null ? null : value(row);
    }

    @Override
    public Map<String, MetadataAwareValue<V>> loadAll(Collection<String> keys) {
        Map<String, MetadataAwareValue<V>> out = new HashMap<>();
        table.loadAll(keys).forEach((k, row) -> out.put(k, value(row)));
        return out;
    }

    /** No initial load: entries come into memory when they are first used. */
    @Override
    public Iterable<String> loadAllKeys() {
        return null;
    }

    @Override
    public void store(String key, MetadataAwareValue<V> value) {
        table.store(key, row(value));
    }

    @Override
    public void storeAll(Map<String, MetadataAwareValue<V>> entries) {
        Map<String, EntryTable.Row> rows = new LinkedHashMap<>();
        entries.forEach((k, v) -> rows.put(k, row(v)));
        table.storeAll(rows);
    }

    @Override
    public void delete(String key) {
        table.delete(key);
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        table.deleteAll(keys);
    }

    private MetadataAwareValue<V> value(EntryTable.Row row) {
        V v = SerializedValues.decode(row.data());
        return row.expiresAtMillis() == 0 ? new MetadataAwareValue<>(v) : new MetadataAwareValue<>(v, row.expiresAtMillis());
    }

    private static EntryTable.Row row(MetadataAwareValue<?> value) {
        long expires = value.getExpirationTime();
        return new EntryTable.Row(SerializedValues.encode(value.getValue()),
                expires == MetadataAwareValue.NO_TIME_SET ? 0 : expires);
    }
}
