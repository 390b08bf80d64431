package imps.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import imps.session.QueueReplica;
import imps.session.SessionSnapshot;
import imps.session.SessionSnapshotCodec;
import imps.session.registry.SessionStore;
import io.vertx.core.Future;

import java.util.Map;

/**
 * Session replicas in two Hazelcast maps with a synchronous backup (the maps' default): a write
 * returns once the primary and its backup hold it. The contexts are the {@link SessionSnapshotCodec}
 * form; the queues are {@link QueueReplica} objects, kept as objects ({@link HazelcastSetup}) so a
 * change is applied in place, on the backup too, without reading and writing the whole queue.
 */
public final class HazelcastSessionStore implements SessionStore {
    static final String MAP = "imps.session.contexts";
    static final String QUEUES = "imps.session.queues";
    private final IMap<String, byte[]> map;
    private final IMap<String, QueueReplica> queues;

    public HazelcastSessionStore(HazelcastInstance hz) {
        this.map = hz.getMap(MAP);
        this.queues = hz.getMap(QUEUES);
    }

    @Override
    public Future<Void> save(SessionSnapshot snapshot) {
        return OnContext.future(map.submitToKey(snapshot.sessionId(),
                new SaveIfNewer(snapshot.revision(), SessionSnapshotCodec.encode(snapshot)))).mapEmpty();
    }

    @Override
    public Future<Boolean> saveQueue(String sessionId, byte[] change) {
        return OnContext.future(queues.submitToKey(sessionId, new ApplyQueueChange(change)));
    }

    /** A replica written by an earlier build carries its queue inside; one of this build has it beside. */
    @Override
    public Future<SessionSnapshot> load(String sessionId) {
        Future<byte[]> context = OnContext.future(map.getAsync(sessionId));
        Future<QueueReplica> queue = OnContext.future(queues.getAsync(sessionId));
        return Future.all(context, queue).map(v -> {
            byte[] bytes = context.result();
            if (bytes == null) {
                return null;
            }
            SessionSnapshot snapshot = SessionSnapshotCodec.decode(sessionId, bytes);
            return queue.result() == null ? snapshot : snapshot.withQueue(queue.result().state());
        });
    }

    @Override
    public Future<Void> delete(String sessionId, boolean withQueue) {
        Future<byte[]> context = OnContext.future(map.removeAsync(sessionId));
        return withQueue ? Future.all(context, OnContext.future(queues.removeAsync(sessionId))).mapEmpty()
                : context.mapEmpty();
    }

    /**
     * Applies a queue change on the partition's thread; the backup applies the same change to its own
     * copy (the default backup processor is this one), so only the change crosses the network.
     */
    record ApplyQueueChange(byte[] change) implements EntryProcessor<String, QueueReplica, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, QueueReplica> entry) {
            QueueReplica replica = entry.getValue() == null ? new QueueReplica() : entry.getValue();
            if (!replica.apply(change)) {
                return false;
            }
            entry.setValue(replica);
            return true;
        }
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
