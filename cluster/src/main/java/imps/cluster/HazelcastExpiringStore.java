package imps.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import imps.session.registry.ExpiringStore;
import io.vertx.core.Future;

import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Short-lived login state in a Hazelcast map with per-entry time-to-live. */
public final class HazelcastExpiringStore<V extends Serializable> implements ExpiringStore<V> {
    private final IMap<String, V> map;

    public HazelcastExpiringStore(HazelcastInstance hz, String name) {
        this.map = hz.getMap(name);
    }

    @Override
    public Future<Void> put(String key, V value, Duration ttl) {
        return OnContext.future(map.setAsync(key, value, ttl.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public Future<V> get(String key) {
        return OnContext.future(map.getAsync(key));
    }

    @Override
    public Future<V> take(String key) {
        return OnContext.future(map.removeAsync(key));
    }
}
