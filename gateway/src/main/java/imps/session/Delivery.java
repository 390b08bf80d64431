package imps.session;

import imps.protocol.Element;
import io.vertx.core.Future;

import java.util.List;

/**
 * How services reach sessions: the live sessions of a user, and the queue of one session. A
 * primitive is queued on the session's owner, wherever it runs, and the client is woken up by its
 * CIR channel or learns of it by polling.
 */
public interface Delivery {
    /** The Session-IDs of the user's live sessions. */
    Future<List<String>> liveSessions(String userId);

    /**
     * Queues a server-initiated primitive for one session. Fails with a CspException: 604 when the
     * session is not live, 506 when it did not agree {@code requiredLeaf} (null = no condition),
     * 507 when its queue is full. {@code tag} comes back to the services with the client's answer
     * (null: nothing to hand back).
     */
    Future<Void> toSession(String sessionId, Element primitive, boolean expectsResponse, String requiredLeaf, String tag);
}
