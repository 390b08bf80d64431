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
    /**
     * The Session-IDs of the user's live sessions. It may miss a session that logged in on another node
     * a moment ago, or name one that just ended there; {@link #currentLiveSessions} never does.
     */
    Future<List<String>> liveSessions(String userId);

    /** The user's live sessions as they are now, for a decision that must not act on a list a moment old. */
    default Future<List<String>> currentLiveSessions(String userId) {
        return liveSessions(userId);
    }

    /**
     * Queues a server-initiated primitive for one session. Fails with a CspException: 604 when the
     * session is not live, 506 when it did not agree {@code requiredLeaf} (null = no condition),
     * 507 when its queue is full. {@code tag} comes back to the services with the client's answer
     * (null: nothing to hand back).
     */
    Future<Void> toSession(String sessionId, Element primitive, boolean expectsResponse, String requiredLeaf, String tag);
}
