package imps.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link SubscriberTable}: key → value in its stored form (JSON text, {@link SubscriberTable#form()}),
 * with its expiry and owner where the table has them. Every method runs on the calling thread with
 * bounded statements; a write returns once it is committed.
 */
public final class EntryTable {
    /**
     * A stored value; {@code expiresAtMillis} is 0 when it does not expire; {@code owner} is the user
     * the row belongs to in a table with an owner column (else null).
     */
    public record Row(String data, long expiresAtMillis, String owner) {
        public Row(String data) {
            this(data, 0, null);
        }
    }

    private final Database db;
    private final SubscriberTable table;
    private final String select;
    private final String upsert;
    private final String delete;

    public EntryTable(Database db, SubscriberTable table) {
        this.db = db;
        this.table = table;
        String key = table.keyColumn();
        List<String> columns = new ArrayList<>(List.of(key, "data", "changed_at"));
        if (table.expiring()) {
            columns.add("expires_at");
        }
        if (table.ownerColumn() != null) {
            columns.add(table.ownerColumn());
        }
        String live = table.expiring() ? " AND (expires_at IS NULL OR expires_at > ?)" : "";
        this.select = "SELECT " + key + ", data" + (table.expiring() ? ", expires_at" : "")
                + (table.ownerColumn() != null ? ", " + table.ownerColumn() : "") + " FROM " + table.table()
                + " WHERE " + key + " IN (%s)" + live;
        this.upsert = db.dialect().upsert(table.table(), key, columns);
        this.delete = "DELETE FROM " + table.table() + " WHERE " + key + " IN (%s)";
    }

    public SubscriberTable table() {
        return table;
    }

    /** The row under {@code key}, or null (also when it has expired). */
    public Row load(String key) {
        return loadAll(List.of(key)).get(key);
    }

    public Map<String, Row> loadAll(Collection<String> keys) {
        Map<String, Row> out = new HashMap<>();
        for (List<String> chunk : Chunks.of(keys)) {
            db.call(c -> {
                try (PreparedStatement ps = db.prepare(c, select.formatted(Chunks.marks(chunk.size())))) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    if (table.expiring()) {
                        ps.setTimestamp(chunk.size() + 1, Timestamp.from(Instant.now()));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Timestamp expires = table.expiring() ? rs.getTimestamp(3) : null;
                            String owner = table.ownerColumn() == null ? null : rs.getString(table.expiring() ? 4 : 3);
                            out.put(rs.getString(1), new Row(rs.getString(2), expires == null ? 0 : expires.getTime(), owner));
                        }
                    }
                }
                return null;
            });
        }
        return out;
    }

    public void store(String key, Row row) {
        storeAll(Map.of(key, row));
    }

    /** Writes every row in one transaction. */
    public void storeAll(Map<String, Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        db.transaction(c -> {
            try (PreparedStatement ps = db.prepare(c, upsert)) {
                for (Map.Entry<String, Row> e : rows.entrySet()) {
                    int column = 1;
                    ps.setString(column++, e.getKey());
                    ps.setString(column++, e.getValue().data());
                    ps.setTimestamp(column++, now);
                    if (table.expiring()) {
                        long expires = e.getValue().expiresAtMillis();
                        if (expires > 0) {
                            ps.setTimestamp(column++, new Timestamp(expires));
                        } else {
                            ps.setNull(column++, Types.TIMESTAMP_WITH_TIMEZONE);
                        }
                    }
                    if (table.ownerColumn() != null) {
                        ps.setString(column, e.getValue().owner());
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    public void delete(String key) {
        deleteAll(List.of(key));
    }

    public void deleteAll(Collection<String> keys) {
        for (List<String> chunk : Chunks.of(keys)) {
            db.call(c -> {
                try (PreparedStatement ps = db.prepare(c, delete.formatted(Chunks.marks(chunk.size())))) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    ps.executeUpdate();
                }
                return null;
            });
        }
    }

    /**
     * The keys of the rows that belong to {@code user} by the table's owner column (the groups a user
     * owns, the reports owed to a sender); empty for a table without one.
     */
    public List<String> keysOwnedBy(String user) {
        if (table.ownerColumn() == null) {
            return List.of();
        }
        return db.call(c -> {
            try (PreparedStatement ps = db.prepare(c, "SELECT " + table.keyColumn() + " FROM " + table.table()
                    + " WHERE " + table.ownerColumn() + " = ?")) {
                ps.setString(1, user);
                List<String> keys = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        keys.add(rs.getString(1));
                    }
                }
                return keys;
            }
        });
    }

    /** Removes rows whose expiry has passed; returns how many. */
    public int purgeExpired() {
        if (!table.expiring()) {
            return 0;
        }
        return db.call(c -> {
            try (PreparedStatement ps = db.prepare(c, "DELETE FROM " + table.table() + " WHERE expires_at <= ?")) {
                ps.setTimestamp(1, Timestamp.from(Instant.now()));
                return ps.executeUpdate();
            }
        });
    }

    /** How many rows the table holds (expired ones included). */
    public long count() {
        return db.call(c -> {
            try (PreparedStatement ps = db.prepare(c, "SELECT COUNT(*) FROM " + table.table());
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
