package imps.session;

import imps.bus.SessionOp;
import imps.protocol.Element;
import imps.session.registry.UserSessionRegistry;
import io.vertx.core.Future;

import java.util.List;

/** {@link Delivery} through the user registry and the sessions' owners. */
final class SessionDelivery implements Delivery {
    private final UserSessionRegistry users;
    private final SessionOwnerClient owners;

    SessionDelivery(UserSessionRegistry users, SessionOwnerClient owners) {
        this.users = users;
        this.owners = owners;
    }

    @Override
    public Future<List<String>> liveSessions(String userId) {
        return users.sessionsOf(userId);
    }

    @Override
    public Future<List<String>> currentLiveSessions(String userId) {
        return users.currentSessionsOf(userId);
    }

    @Override
    public Future<Void> toSession(String sessionId, Element primitive, boolean expectsResponse, String requiredLeaf,
                                  String tag) {
        return owners.send(new SessionOp.Deliver(sessionId, primitive, expectsResponse, requiredLeaf, tag));
    }
}
