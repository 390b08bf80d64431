package imps.session.registry;

import io.vertx.core.Future;

import java.io.Serializable;
import java.time.Duration;

/**
 * Small short-lived login state shared by all nodes (4-way challenges, system-message attempts): the
 * second round of a login may reach another node than the first.
 */
public interface ExpiringStore<V extends Serializable> {
    Future<Void> put(String key, V value, Duration ttl);

    Future<V> get(String key);

    /** Removes and returns the value: what makes a nonce single-use. */
    Future<V> take(String key);
}
