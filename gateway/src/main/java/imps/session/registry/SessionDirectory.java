package imps.session.registry;

import io.vertx.core.Future;

/**
 * Which node owns which session. Ownership is explicit state (docs/cluster.md, "Who owns a
 * session"), never inferred from event-bus subscriptions; the cluster module keeps it in a
 * replicated map.
 */
public interface SessionDirectory {
    /** Records {@code nodeId} as the owner of a new session. */
    Future<Void> claim(String sessionId, String nodeId);

    /**
     * The owning node's id, or null when the session is not known anywhere. May come from a cache
     * that learns of a change a little later: a stale answer names a node that says it does not hold
     * the session, and the caller asks again with {@link #currentOwnerOf}.
     */
    Future<String> ownerOf(String sessionId);

    /** Like {@link #ownerOf}, but read where the entry is kept, past any cache. */
    Future<String> currentOwnerOf(String sessionId);

    /**
     * Moves ownership from a node that is gone to {@code newOwner}, if {@code formerOwner} is still
     * the recorded owner (compare-and-set: when two nodes race to take over, one wins).
     */
    Future<Boolean> takeOver(String sessionId, String formerOwner, String newOwner);

    /**
     * This node's share of the sessions recorded as owned by {@code nodeId} (a node that left): the
     * shares of the live nodes are disjoint and together hold every such session, so each node can take
     * its share over without asking the others.
     */
    Future<java.util.List<String>> shareOwnedBy(String nodeId);

    /** Forgets the session, but only if {@code nodeId} still owns it. */
    Future<Void> release(String sessionId, String nodeId);
}
