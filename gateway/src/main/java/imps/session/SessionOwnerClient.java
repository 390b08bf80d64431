package imps.session;

import imps.protocol.CspException;
import imps.protocol.StatusCode;
import imps.bus.EventBusAddresses;
import imps.bus.SessionOp;
import imps.session.registry.SessionDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * Sends a {@link SessionOp} to whichever node owns the session: this node when it holds the session,
 * otherwise the owner named in the session directory. A session nobody owns fails with 604; a
 * failure on the owner comes back as the {@link CspException} it raised.
 */
public final class SessionOwnerClient {
    private final Vertx vertx;
    private final String nodeId;
    private final LocalSessions local;
    private final SessionDirectory directory;
    private final DeliveryOptions delivery;

    public SessionOwnerClient(Vertx vertx, String nodeId, LocalSessions local, SessionDirectory directory,
                              long timeoutMillis) {
        this.vertx = vertx;
        this.nodeId = nodeId;
        this.local = local;
        this.directory = directory;
        this.delivery = new DeliveryOptions().setSendTimeout(timeoutMillis);
    }

    public Future<JsonObject> send(SessionOp op) {
        Future<String> owner = local.get(op.sessionId()) != null
                ? Future.succeededFuture(nodeId)
                : directory.ownerOf(op.sessionId());
        return owner.compose(node -> {
            if (node == null) {
                return Future.<JsonObject>failedFuture(new CspException(StatusCode.INVALID_SESSION));
            }
            return vertx.eventBus().<JsonObject>request(EventBusAddresses.opsOf(node), op, delivery).map(Message::body);
        }).recover(err -> Future.failedFuture(asCsp(err)));
    }

    private static Throwable asCsp(Throwable err) {
        if (err instanceof CspException) {
            return err;
        }
        if (err instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
            StatusCode code = StatusCode.fromCode(re.failureCode());
            return new CspException(code == null ? StatusCode.INTERNAL_ERROR : code, re.getMessage());
        }
        return new CspException(StatusCode.SERVICE_UNAVAILABLE);
    }
}
