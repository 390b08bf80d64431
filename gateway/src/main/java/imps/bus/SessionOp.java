package imps.bus;

import imps.protocol.Element;
import io.vertx.core.json.JsonObject;

/**
 * An operation on a session, sent to the node that owns it: everything that touches a session's
 * context goes to its owner (design.md §1). {@code primitive} carries a CSP tree where the operation
 * needs one (the Client-ID of a recovery login, a server-initiated primitive to deliver).
 */
public record SessionOp(Kind kind, String sessionId, JsonObject args, Element primitive) {

    public enum Kind {
        /** Operator forced logout: Disconnect 601. */
        DISCONNECT(true),
        /** Session recovery by a Login-Request that carries the Session-ID. */
        RECOVER(true),
        /** A standalone TCP CIR connection said HELO for this session. */
        CIR_BIND(false),
        /** That connection is gone. */
        CIR_UNBIND(false),
        /** A standalone HTTP CIR request: is anything waiting? */
        CIR_QUERY(false),
        /** Queue a server-initiated primitive for the session. */
        DELIVER(false);

        private final boolean transaction;

        Kind(boolean transaction) {
            this.transaction = transaction;
        }

        /**
         * True for operations that take turns with the session's transactions; false for single
         * synchronous steps that run at once (see SessionActor#runNow).
         */
        public boolean isTransaction() {
            return transaction;
        }
    }

    public SessionOp {
        args = args == null ? new JsonObject() : args;
    }

    public static SessionOp of(Kind kind, String sessionId) {
        return new SessionOp(kind, sessionId, new JsonObject(), null);
    }
}
