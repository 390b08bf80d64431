package imps.session;

import imps.protocol.Element;
import io.vertx.core.Future;

/**
 * What services must do when a session changes state. Each runs on the session's owner, inside its
 * actor, before the transaction that caused it is answered.
 */
public interface SessionEvents {
    /** Service negotiation (or the 1.3 piggy-backed one) agreed the session's functions. */
    default Future<Void> servicesAgreed(SessionContext session) {
        return Future.succeededFuture();
    }

    /** The session ended: leave groups, drop subscriptions (the context keeps them for recovery). */
    default Future<Void> ended(SessionContext session, EndCause cause) {
        return Future.succeededFuture();
    }

    /** The session was recovered: re-make what its context says it had (OMA-TS-IMPS_CSP-V1_3 §7.1.1). */
    default Future<Void> recovered(SessionContext session) {
        return Future.succeededFuture();
    }

    /**
     * The client answered a server-initiated transaction (e.g. MessageDelivered for a NewMessage);
     * {@code tag} is what the service gave when it queued the transaction ({@link Delivery#toSession}).
     */
    default Future<Void> clientResponse(SessionContext session, Element response, String tag) {
        return Future.succeededFuture();
    }
}
