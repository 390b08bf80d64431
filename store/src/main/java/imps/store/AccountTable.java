package imps.store;

import imps.auth.Account;
import imps.auth.AccountPage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code account} table. Every method runs on the calling thread with bounded statements. */
public final class AccountTable {
    private static final String COLUMNS = "user_id, password, enabled, display_name, created_at, changed_at";
    private static final List<String> COLUMN_LIST = List.of(COLUMNS.split(", "));
    private final Database db;
    private final String upsert;
    private final String insertIfAbsent;

    public AccountTable(Database db) {
        this.db = db;
        this.upsert = db.dialect().upsert("account", "user_id", COLUMN_LIST);
        this.insertIfAbsent = db.dialect().insertIfAbsent("account", "user_id", COLUMN_LIST);
    }

    public Account find(String userId) {
        return db.call(c -> {
            try (PreparedStatement ps = db.prepare(c, "SELECT " + COLUMNS + " FROM account WHERE user_id = ?")) {
                ps.setString(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? row(rs) : null;
                }
            }
        });
    }

    public Map<String, Account> findAll(Collection<String> userIds) {
        Map<String, Account> out = new HashMap<>();
        for (List<String> chunk : Chunks.of(userIds)) {
            db.call(c -> {
                try (PreparedStatement ps = db.prepare(c, "SELECT " + COLUMNS + " FROM account WHERE user_id IN ("
                        + Chunks.marks(chunk.size()) + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Account a = row(rs);
                            out.put(a.userId(), a);
                        }
                    }
                }
                return null;
            });
        }
        return out;
    }

    /** Writes the account whole, inserting or replacing it. */
    public void save(Account account) {
        saveAll(List.of(account));
    }

    public void saveAll(Collection<Account> accounts) {
        if (accounts.isEmpty()) {
            return;
        }
        db.transaction(c -> {
            try (PreparedStatement ps = db.prepare(c, upsert)) {
                for (Account a : accounts) {
                    bind(ps, a);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** Inserts the accounts whose User-ID is free; returns how many were inserted. */
    public int insertAbsent(Collection<Account> accounts) {
        if (accounts.isEmpty()) {
            return 0;
        }
        return db.transaction(c -> insertAbsent(c, accounts));
    }

    /** Like {@link #insertAbsent(Collection)}, on a connection whose transaction the caller holds. */
    int insertAbsent(Connection c, Collection<Account> accounts) throws SQLException {
        int inserted = 0;
        try (PreparedStatement ps = db.prepare(c, insertIfAbsent)) {
            for (Account a : accounts) {
                bind(ps, a);
                if (db.dialect().insertIfAbsentRepeatsKey()) {
                    ps.setString(COLUMN_LIST.size() + 1, a.userId());
                }
                ps.addBatch();
            }
            for (int n : ps.executeBatch()) {
                inserted += n > 0 ? 1 : 0;
            }
        }
        return inserted;
    }

    /**
     * Imports {@code accounts} (absent ones only) the first time this is called on a store, and never
     * again, even once those accounts have been deleted: {@code store_meta} records that it happened.
     * Several nodes starting at once import once. Returns the number inserted, -1 when already done.
     */
    public int seedOnce(Collection<Account> accounts) {
        String mark = db.dialect().insertIfAbsent("store_meta", "name", List.of("name", "content"));
        return db.transaction(c -> {
            try (PreparedStatement ps = db.prepare(c, mark)) {
                ps.setString(1, "accounts.seeded");
                ps.setString(2, Instant.now().toString());
                if (db.dialect().insertIfAbsentRepeatsKey()) {
                    ps.setString(3, "accounts.seeded");
                }
                if (ps.executeUpdate() == 0) {
                    return -1;
                }
            }
            return insertAbsent(c, accounts);
        });
    }

    public void delete(String userId) {
        deleteAll(List.of(userId));
    }

    public void deleteAll(Collection<String> userIds) {
        for (List<String> chunk : Chunks.of(userIds)) {
            db.call(c -> {
                try (PreparedStatement ps = db.prepare(c, "DELETE FROM account WHERE user_id IN ("
                        + Chunks.marks(chunk.size()) + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    ps.executeUpdate();
                }
                return null;
            });
        }
    }

    /** Up to {@code limit} accounts whose User-ID starts with {@code prefix}, in order, after {@code cursor}. */
    public AccountPage page(String prefix, int limit, String cursor) {
        return db.call(c -> {
            try (PreparedStatement ps = db.prepare(c, "SELECT " + COLUMNS + " FROM account WHERE user_id LIKE ? ESCAPE '!'"
                    + " AND user_id > ? ORDER BY user_id LIMIT ?")) {
                ps.setString(1, likePrefix(prefix));
                ps.setString(2, cursor == null ? "" : cursor);
                ps.setInt(3, limit + 1);
                List<Account> out = new ArrayList<>(limit + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
                if (out.size() <= limit) {
                    return new AccountPage(out, null);
                }
                List<Account> page = out.subList(0, limit);
                return new AccountPage(List.copyOf(page), page.get(limit - 1).userId());
            }
        });
    }

    public long count() {
        return db.call(c -> {
            try (PreparedStatement ps = db.prepare(c, "SELECT COUNT(*) FROM account"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static String likePrefix(String prefix) {
        String p = prefix == null ? "" : prefix;
        return p.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    private static void bind(PreparedStatement ps, Account a) throws SQLException {
        Instant now = Instant.now();
        ps.setString(1, a.userId());
        ps.setString(2, a.password());
        ps.setBoolean(3, a.enabled());
        ps.setString(4, a.displayName());
        ps.setTimestamp(5, Timestamp.from(a.created() == null ? now : a.created()));
        ps.setTimestamp(6, Timestamp.from(a.changed() == null ? now : a.changed()));
    }

    private static Account row(ResultSet rs) throws SQLException {
        return new Account(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4),
                rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant());
    }
}
