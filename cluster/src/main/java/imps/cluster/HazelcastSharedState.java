package imps.cluster;

import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import imps.service.SharedMap;
import imps.service.SharedState;
import io.vertx.core.Future;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;

/**
 * Services' shared maps as Hazelcast maps: a computation runs as an entry processor on the key's
 * partition owner, so it is atomic across the cluster and its result is backed up before it returns.
 */
public final class HazelcastSharedState implements SharedState {
    static final String PREFIX = "imps.service.";
    private final HazelcastInstance hz;

    public HazelcastSharedState(HazelcastInstance hz) {
        this.hz = hz;
    }

    @Override
    public <V extends Serializable> SharedMap<V> expiringMap(String name, Duration ttl) {
        if (hz.getConfig().getMapConfigOrNull(PREFIX + name) == null) {
            // Kept in the store, the map was configured with its time-to-live before the member started (StoredMaps).
            hz.getConfig().addMapConfig(new MapConfig(PREFIX + name).setTimeToLiveSeconds((int) ttl.toSeconds()));
        }
        return map(name);
    }

    @Override
    public <V extends Serializable> SharedMap<V> map(String name) {
        IMap<String, Object> map = hz.getMap(PREFIX + name);
        return new SharedMap<>() {
            @Override
            public Future<V> get(String key) {
                // Mapped after the hop, not on Hazelcast's future: its thenApply runs on Hazelcast's
                // default async executor, which starts a thread per call on two CPUs or fewer.
                return OnContext.future(map.getAsync(key)).map(NoValue::<V>orNull);
            }

            @Override
            public <R> Future<R> compute(String key, Computation<V, R> computation) {
                return OnContext.future(map.submitToKey(key, new Compute<>(computation)));
            }
        };
    }

    /**
     * The entry processor that runs a service's computation. A stored map's {@link NoValue} reads as
     * null, and removing a value that is not there changes nothing (no delete reaches the store).
     */
    record Compute<V, R>(SharedMap.Computation<V, R> computation) implements EntryProcessor<String, Object, R> {
        @Override
        public R process(Map.Entry<String, Object> entry) {
            return computation.apply(new SharedMap.Slot<>() {
                @Override
                public V get() {
                    return NoValue.orNull(entry.getValue());
                }

                @Override
                public void set(V value) {
                    if (value != null || NoValue.orNull(entry.getValue()) != null) {
                        entry.setValue(value);
                    }
                }
            });
        }
    }
}
