package imps.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import imps.session.SessionSnapshot;
import imps.session.registry.SessionStore;
import io.vertx.core.Future;

import java.util.Map;

/**
 * Session replicas in a Hazelcast map with a synchronous backup (the map's default): a save
 * returns once the primary and its backup hold it.
 */
public final class HazelcastSessionStore implements SessionStore {
    static final String MAP = "imps.session.contexts";
    private final IMap<String, SessionSnapshot> map;

    public HazelcastSessionStore(HazelcastInstance hz) {
        this.map = hz.getMap(MAP);
    }

    @Override
    public Future<Void> save(SessionSnapshot snapshot) {
        return OnContext.future(map.submitToKey(snapshot.sessionId(), new SaveIfNewer(snapshot))).mapEmpty();
    }

    @Override
    public Future<SessionSnapshot> load(String sessionId) {
        return OnContext.future(map.getAsync(sessionId));
    }

    @Override
    public Future<Void> delete(String sessionId) {
        return OnContext.future(map.removeAsync(sessionId)).mapEmpty();
    }

    /** Writes only over an older revision, so out-of-order saves cannot roll a session back. */
    record SaveIfNewer(SessionSnapshot snapshot) implements EntryProcessor<String, SessionSnapshot, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, SessionSnapshot> entry) {
            SessionSnapshot current = entry.getValue();
            if (current != null && current.revision() > snapshot.revision()) {
                return false;
            }
            entry.setValue(snapshot);
            return true;
        }
    }
}
