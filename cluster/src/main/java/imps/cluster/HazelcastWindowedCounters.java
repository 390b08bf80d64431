package imps.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.map.IMap;
import imps.session.registry.WindowedCounters;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@link WindowedCounters} in a Hazelcast map: the window is the entry's time-to-live, set when the
 * entry is created and left alone by later increments, so a count disappears whole when its window
 * ends and no node compares clocks. Increments are entry processors on the key's partition owner.
 */
public final class HazelcastWindowedCounters implements WindowedCounters {
    private final IMap<String, Integer> map;

    public HazelcastWindowedCounters(HazelcastInstance hz, String name) {
        this.map = hz.getMap(name);
    }

    @Override
    public Future<Integer> increment(String key, Duration window) {
        return OnContext.future(map.submitToKey(key, new Increment(window.toMillis())));
    }

    @Override
    public Future<Integer> count(String key) {
        return OnContext.future(map.getAsync(key)).map(n -> n == null ? 0 : n);
    }

    record Increment(long windowMillis) implements EntryProcessor<String, Integer, Integer> {
        @Override
        public Integer process(Map.Entry<String, Integer> entry) {
            ExtendedMapEntry<String, Integer> e = (ExtendedMapEntry<String, Integer>) entry;
            if (e.getValue() == null) {
                e.setValue(1, windowMillis, TimeUnit.MILLISECONDS);
                return 1;
            }
            int next = e.getValue() + 1;
            e.setValueWithoutChangingExpiryTime(next);
            return next;
        }
    }
}
