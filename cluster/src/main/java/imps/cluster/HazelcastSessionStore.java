package imps.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import imps.session.SessionSnapshot;
import imps.session.SessionSnapshotCodec;
import imps.session.registry.SessionStore;
import io.vertx.core.Future;

import java.util.Map;

/**
 * Session replicas in a Hazelcast map with a synchronous backup (the map's default): a save
 * returns once the primary and its backup hold it. Values are the {@link SessionSnapshotCodec} form.
 */
public final class HazelcastSessionStore implements SessionStore {
    static final String MAP = "imps.session.contexts";
    private final IMap<String, byte[]> map;

    public HazelcastSessionStore(HazelcastInstance hz) {
        this.map = hz.getMap(MAP);
    }

    @Override
    public Future<Void> save(SessionSnapshot snapshot) {
        return OnContext.future(map.submitToKey(snapshot.sessionId(),
                new SaveIfNewer(snapshot.revision(), SessionSnapshotCodec.encode(snapshot)))).mapEmpty();
    }

    @Override
    public Future<SessionSnapshot> load(String sessionId) {
        return OnContext.future(map.getAsync(sessionId)).map(bytes -> bytes == null ? null : SessionSnapshotCodec.decode(bytes));
    }

    @Override
    public Future<Void> delete(String sessionId) {
        return OnContext.future(map.removeAsync(sessionId)).mapEmpty();
    }

    /**
     * Writes only over an older revision, so out-of-order saves cannot roll a session back. The stored
     * revision is read from the replica's first bytes, without decoding it.
     */
    record SaveIfNewer(long revision, byte[] snapshot) implements EntryProcessor<String, byte[], Boolean> {
        @Override
        public Boolean process(Map.Entry<String, byte[]> entry) {
            byte[] current = entry.getValue();
            if (current != null && SessionSnapshotCodec.revisionOf(current) > revision) {
                return false;
            }
            entry.setValue(snapshot);
            return true;
        }
    }
}
