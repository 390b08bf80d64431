package imps.session.registry;

import io.vertx.core.Future;

import java.time.Duration;

/**
 * Counts shared by all nodes, each running in a fixed window that starts with its first count and
 * then expires whole (login throttling: failed logins per address and per user, 4-way challenges
 * per address). An increment is atomic cluster-wide, so racing logins on two nodes both count.
 */
public interface WindowedCounters {
    /**
     * Adds one to {@code key}'s running window, or starts a window of length {@code window} at one
     * when none runs; completes with the count after the increment.
     */
    Future<Integer> increment(String key, Duration window);

    /** The count of {@code key}'s running window; 0 when none runs. */
    Future<Integer> count(String key);
}
