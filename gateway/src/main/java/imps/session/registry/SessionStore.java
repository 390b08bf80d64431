package imps.session.registry;

import imps.session.QueueReplica;
import imps.session.SessionSnapshot;
import io.vertx.core.Future;

/**
 * The replicas of sessions: each context, and beside it its outbound queue ({@link QueueReplica}).
 * A write completes once the replica is safe on more than one node, so a transaction answered after
 * it survives the loss of its owner (docs/cluster.md, "Replication").
 */
public interface SessionStore {
    /** Stores the snapshot unless a newer revision is already stored. */
    Future<Void> save(SessionSnapshot snapshot);

    /**
     * Applies a change of the session's queue ({@link imps.session.OutboundQueue#replicaChange}) to its
     * replica; false when the replica refused it ({@link QueueReplica#apply}).
     */
    Future<Boolean> saveQueue(String sessionId, byte[] change);

    /** The stored snapshot with its queue, or null. */
    Future<SessionSnapshot> load(String sessionId);

    /**
     * Forgets the context, and the queue's replica with it when {@code withQueue}: a session that was
     * never sent anything has none, and its end costs one cluster write less.
     */
    Future<Void> delete(String sessionId, boolean withQueue);
}
