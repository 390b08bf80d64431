package imps.bus;

import imps.protocol.CspVersion;
import imps.protocol.Element;
import io.vertx.core.json.JsonObject;

/**
 * An operation on a session, sent to the node that owns it: everything that touches a session's
 * context goes to its owner (docs/cluster.md). Each operation says what it answers ({@code R}); the
 * answer travels back as JSON, written and read by the operation itself.
 *
 * @param <R> what the owner answers
 */
public sealed interface SessionOp<R> {
    String sessionId();

    /**
     * True for operations that take turns with the session's transactions; false for single
     * synchronous steps that run at once (see SessionActor#runNow).
     */
    boolean isTransaction();

    JsonObject encodeReply(R reply);

    R decodeReply(JsonObject json);

    /** Operator forced logout: Disconnect 601. Answers whether the session was live. */
    record Disconnect(String sessionId) implements SessionOp<Boolean> {
        @Override
        public boolean isTransaction() {
            return true;
        }

        @Override
        public JsonObject encodeReply(Boolean disconnected) {
            return new JsonObject().put("disconnected", disconnected);
        }

        @Override
        public Boolean decodeReply(JsonObject json) {
            return json.getBoolean("disconnected");
        }
    }

    /**
     * Session recovery by a Login-Request that carries the Session-ID: who the client is now and what
     * it asked for. Answers what the Login-Response carries.
     */
    record Recover(String sessionId, String userId, Element clientId, String clientKey, String cookie,
                   CspVersion version, String syntax, Integer timeToLive) implements SessionOp<Recovered> {
        @Override
        public boolean isTransaction() {
            return true;
        }

        @Override
        public JsonObject encodeReply(Recovered r) {
            return new JsonObject().put("keepAliveTime", r.keepAliveSeconds()).put("capabilityRequest", r.capabilityRequest());
        }

        @Override
        public Recovered decodeReply(JsonObject json) {
            return new Recovered(json.getInteger("keepAliveTime"), json.getBoolean("capabilityRequest"));
        }
    }

    /** What a recovered session's Login-Response carries. */
    record Recovered(int keepAliveSeconds, boolean capabilityRequest) {
    }

    /**
     * A CIR channel of the client's for the session ({@code method}: a CIR method name; {@code nodeId}
     * the node holding a connection, null for none). Answers the wake-up line to send on it at once
     * when something is already waiting, else null.
     */
    record BindCir(String sessionId, String method, String nodeId, String channelId) implements SessionOp<String> {
        @Override
        public boolean isTransaction() {
            return false;
        }

        @Override
        public JsonObject encodeReply(String announce) {
            return new JsonObject().put("announce", announce);
        }

        @Override
        public String decodeReply(JsonObject json) {
            return json.getString("announce");
        }
    }

    /** That CIR connection is gone. */
    record UnbindCir(String sessionId, String method, String nodeId, String channelId) implements SessionOp<Void> {
        @Override
        public boolean isTransaction() {
            return false;
        }

        @Override
        public JsonObject encodeReply(Void nothing) {
            return new JsonObject();
        }

        @Override
        public Void decodeReply(JsonObject json) {
            return null;
        }
    }

    /** A standalone HTTP CIR request: the wake-up line when something is collectable, else null. */
    record QueryCir(String sessionId) implements SessionOp<String> {
        @Override
        public boolean isTransaction() {
            return false;
        }

        @Override
        public JsonObject encodeReply(String line) {
            return new JsonObject().put("pending", line != null).put("line", line);
        }

        @Override
        public String decodeReply(JsonObject json) {
            return json.getBoolean("pending", false) ? json.getString("line") : null;
        }
    }

    /**
     * Queue a server-initiated primitive for the session, only if it agreed {@code requiredLeaf}
     * (null: no condition); {@code tag} is handed back to the services when the client answers it.
     */
    record Deliver(String sessionId, Element primitive, boolean expectsResponse, String requiredLeaf, String tag)
            implements SessionOp<Void> {
        @Override
        public boolean isTransaction() {
            return false;
        }

        @Override
        public JsonObject encodeReply(Void nothing) {
            return new JsonObject().put("queued", true);
        }

        @Override
        public Void decodeReply(JsonObject json) {
            return null;
        }
    }
}
