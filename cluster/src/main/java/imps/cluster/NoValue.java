package imps.cluster;

import java.io.Serializable;

/**
 * What a stored map holds in memory for a key the store has no row for: a lookup of a user without
 * block lists, kept offline messages or auto-join groups (most users, on every login and message) is
 * then answered from memory instead of asking the database again. Services never see it: the shared
 * map reads it as "no value" (HazelcastSharedState), and a computation that leaves it absent writes
 * nothing. It is replaced by the first value set and, like any entry, evicted when memory is bounded.
 */
enum NoValue implements Serializable {
    INSTANCE;

    /** {@code value}, or null for the marker. */
    @SuppressWarnings("unchecked")
    static <V> V orNull(Object value) {
        return value == INSTANCE ? null : (V) value;
    }
}
