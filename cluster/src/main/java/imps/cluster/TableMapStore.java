package imps.cluster;

import com.hazelcast.map.EntryStore;
import imps.service.StoredForm;
import imps.store.EntryTable;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a services' shared map through to its {@link EntryTable} and reads missing entries back
 * from it (docs/store.md), values in their stored form ({@link StoredForm}). Hazelcast calls it on the
 * key's partition thread, inside the entry processor that changes the entry: the change is answered
 * only after the row is committed, and a failed write fails the change, which then leaves the entry as
 * it was. The table's statements are bounded, so a slow database delays a partition by at most the
 * store's timeouts. A key without a row may load as {@link NoValue}, so it is not looked up again.
 */
final class TableMapStore implements EntryStore<String, Object> {
    private final EntryTable table;
    private final StoredForm<Object> form;
    private final MetadataAwareValue<Object> absent;

    /**
     * {@code rememberAbsent}: a key without a row loads as {@link NoValue}; not for a map whose keys
     * may be anything a client sends and whose memory has no bound (group addresses).
     */
    TableMapStore(EntryTable table, boolean rememberAbsent) {
        this.table = table;
        this.form = table.table().form();
        this.absent = rememberAbsent ? new MetadataAwareValue<>(NoValue.INSTANCE) : null;
    }

    @Override
    public MetadataAwareValue<Object> load(String key) {
        EntryTable.Row row = StoreFailures.call(() -> table.load(key));
        return row == null ? absent : value(row);
    }

    @Override
    public Map<String, MetadataAwareValue<Object>> loadAll(Collection<String> keys) {
        Map<String, EntryTable.Row> rows = StoreFailures.call(() -> table.loadAll(keys));
        Map<String, MetadataAwareValue<Object>> out = new HashMap<>();
        for (String key : keys) {
            EntryTable.Row row = rows.get(key);
            if (row != null || absent != null) {
                out.put(key, row == null ? absent : value(row));
            }
        }
        return out;
    }

    /** No initial load: entries come into memory when they are first used. */
    @Override
    public Iterable<String> loadAllKeys() {
        return null;
    }

    @Override
    public void store(String key, MetadataAwareValue<Object> value) {
        StoreFailures.run(() -> table.store(key, row(value)));
    }

    @Override
    public void storeAll(Map<String, MetadataAwareValue<Object>> entries) {
        Map<String, EntryTable.Row> rows = new LinkedHashMap<>();
        entries.forEach((k, v) -> rows.put(k, row(v)));
        StoreFailures.run(() -> table.storeAll(rows));
    }

    @Override
    public void delete(String key) {
        StoreFailures.run(() -> table.delete(key));
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        StoreFailures.run(() -> table.deleteAll(keys));
    }

    private MetadataAwareValue<Object> value(EntryTable.Row row) {
        Object v = form.decode(row.data());
        return row.expiresAtMillis() == 0 ? new MetadataAwareValue<>(v) : new MetadataAwareValue<>(v, row.expiresAtMillis());
    }

    private EntryTable.Row row(MetadataAwareValue<Object> value) {
        long expires = value.getExpirationTime();
        Object v = value.getValue();
        return new EntryTable.Row(form.encode(v), expires == MetadataAwareValue.NO_TIME_SET ? 0 : expires, form.owner(v));
    }
}
