package imps.store;

import imps.service.StoredForm;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Schema version 2: the services' values in their JSON forms (a {@code TEXT} column, readable by a
 * DBA and by the next release) instead of Java serialization, and the owner columns that let a deleted
 * user's groups and delivery reports be found (docs/store.md). Rows written by version 1 are read with
 * {@link LegacyValues} and rewritten in their form; a row that cannot be read stops the migration, and
 * the start, rather than be lost. The same statements run on PostgreSQL and on H2 in its PostgreSQL mode.
 */
public final class V2__Stored_values_as_json extends BaseJavaMigration {
    private static final int BATCH = 500;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        for (SubscriberTable table : SubscriberTable.values()) {
            String owner = table.ownerColumn();
            execute(c, "ALTER TABLE " + table.table() + " ADD COLUMN content TEXT");
            if (owner != null) {
                execute(c, "ALTER TABLE " + table.table() + " ADD COLUMN " + owner + " VARCHAR(255)");
            }
            convert(c, table);
            execute(c, "ALTER TABLE " + table.table() + " DROP COLUMN data");
            execute(c, "ALTER TABLE " + table.table() + " RENAME COLUMN content TO data");
            execute(c, "ALTER TABLE " + table.table() + " ALTER COLUMN data SET NOT NULL");
            if (owner != null) {
                execute(c, "CREATE INDEX " + table.table() + "_owner ON " + table.table() + " (" + owner + ")");
            }
        }
    }

    private static void convert(Connection c, SubscriberTable table) throws SQLException {
        StoredForm<Object> form = table.form();
        String key = table.keyColumn();
        String update = "UPDATE " + table.table() + " SET content = ?"
                + (table.ownerColumn() != null ? ", " + table.ownerColumn() + " = ?" : "") + " WHERE " + key + " = ?";
        try (PreparedStatement select = c.prepareStatement("SELECT " + key + ", data FROM " + table.table());
             PreparedStatement write = c.prepareStatement(update)) {
            select.setFetchSize(BATCH);
            int pending = 0;
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String k = rs.getString(1);
                    Object value;
                    String json;
                    try {
                        value = LegacyValues.decode(rs.getBytes(2));
                        json = form.encode(value);
                    } catch (IllegalStateException | ClassCastException e) {
                        throw new SQLException("table " + table.table() + ", " + key + " " + k + ": " + e.getMessage(), e);
                    }
                    int column = 1;
                    write.setString(column++, json);
                    if (table.ownerColumn() != null) {
                        write.setString(column++, form.owner(value));
                    }
                    write.setString(column, k);
                    write.addBatch();
                    if (++pending == BATCH) {
                        write.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                write.executeBatch();
            }
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
