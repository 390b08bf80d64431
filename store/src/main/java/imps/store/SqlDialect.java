package imps.store;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The few statements PostgreSQL and H2 (in its PostgreSQL mode) write differently: an insert that
 * replaces or keeps an existing row. The schema and every other statement are the same for both.
 */
public enum SqlDialect {
    POSTGRESQL {
        @Override
        String upsert(String table, String key, List<String> columns) {
            String updates = columns.stream().filter(c -> !c.equals(key)).map(c -> c + " = EXCLUDED." + c)
                    .collect(Collectors.joining(", "));
            return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + marks(columns)
                    + ") ON CONFLICT (" + key + ") DO UPDATE SET " + updates;
        }

        @Override
        String insertIfAbsent(String table, String key, List<String> columns) {
            return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + marks(columns)
                    + ") ON CONFLICT (" + key + ") DO NOTHING";
        }
    },
    H2 {
        @Override
        String upsert(String table, String key, List<String> columns) {
            return "MERGE INTO " + table + " (" + String.join(", ", columns) + ") KEY (" + key + ") VALUES ("
                    + marks(columns) + ")";
        }

        @Override
        String insertIfAbsent(String table, String key, List<String> columns) {
            return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT " + marks(columns)
                    + " WHERE NOT EXISTS (SELECT 1 FROM " + table + " WHERE " + key + " = ?)";
        }

        @Override
        boolean insertIfAbsentRepeatsKey() {
            return true;
        }
    };

    /** Inserts the row or replaces the one with the same {@code key}. */
    abstract String upsert(String table, String key, List<String> columns);

    /** Inserts the row unless one with the same {@code key} exists; the update count says which. */
    abstract String insertIfAbsent(String table, String key, List<String> columns);

    /** Whether {@link #insertIfAbsent} takes the key once more after the columns. */
    boolean insertIfAbsentRepeatsKey() {
        return false;
    }

    static SqlDialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        throw new IllegalArgumentException("store.url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db), not " + jdbcUrl);
    }

    private static String marks(List<String> columns) {
        return columns.stream().map(c -> "?").collect(Collectors.joining(", "));
    }
}
