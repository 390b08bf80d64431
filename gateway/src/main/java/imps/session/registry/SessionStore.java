package imps.session.registry;

import imps.session.SessionSnapshot;
import io.vertx.core.Future;

/**
 * The replicas of session contexts. {@link #save} completes once the replica is safe on more than
 * one node, so a transaction answered after it survives the loss of its owner (docs/cluster.md, "Replication").
 */
public interface SessionStore {
    /** Stores the snapshot unless a newer revision is already stored. */
    Future<Void> save(SessionSnapshot snapshot);

    /** The stored snapshot, or null. */
    Future<SessionSnapshot> load(String sessionId);

    Future<Void> delete(String sessionId);
}
