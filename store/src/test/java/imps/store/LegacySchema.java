package imps.store;

import imps.config.GatewayConfig;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

/** A store as schema version 1 left it: only V1 applied, values Java-serialized in {@code data BYTEA}. */
final class LegacySchema {
    private LegacySchema() {
    }

    static void create(GatewayConfig.Store settings, Map<SubscriberTable, Map<String, byte[]>> rows) throws SQLException {
        String url = Database.jdbcUrl(settings);
        Flyway.configure().dataSource(url, settings.user(), settings.password()).locations("classpath:db/migration")
                .target("1").load().migrate();
        try (Connection c = DriverManager.getConnection(url, settings.user(), settings.password())) {
            for (var table : rows.entrySet()) {
                SubscriberTable t = table.getKey();
                String sql = "INSERT INTO " + t.table() + " (" + t.keyColumn() + ", data, changed_at) VALUES (?, ?, ?)";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (var row : table.getValue().entrySet()) {
                        ps.setString(1, row.getKey());
                        ps.setBytes(2, row.getValue());
                        ps.setTimestamp(3, Timestamp.from(Instant.now()));
                        ps.executeUpdate();
                    }
                }
            }
        }
    }
}
