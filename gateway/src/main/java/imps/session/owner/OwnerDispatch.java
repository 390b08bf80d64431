package imps.session.owner;

import imps.bus.EventBusAddresses;
import imps.bus.InboundMessage;
import imps.bus.OutboundBatch;
import imps.bus.OutboundMessage;
import imps.bus.SessionOp;
import imps.protocol.CspException;
import imps.protocol.CspMessage;
import imps.protocol.Result;
import imps.protocol.StatusCode;
import imps.protocol.StatusRules;
import imps.protocol.Transaction;
import imps.session.LocalOwner;
import imps.session.SessionActor;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.function.Supplier;

/**
 * Hands an inband message or an owner operation to its session's actor on this node, and answers what
 * the actor answers: the one path for both the event-bus consumers of a host and the direct calls
 * of this node's router and owner client ({@link LocalOwner}). It fails the way a failed event-bus
 * request does ({@link ReplyException} with the owner's failure code), so callers treat both alike.
 */
final class OwnerDispatch implements LocalOwner {
    private final HostedSessions hosted;
    private final SessionHosts node;

    OwnerDispatch(HostedSessions hosted, SessionHosts node) {
        this.hosted = hosted;
        this.node = node;
    }

    /**
     * Processes one inband message in its session's actor. Never fails: a session not held here (or
     * handed over while the message waited) answers {@link EventBusAddresses#NOT_HERE}, so the caller
     * looks the owner up again.
     */
    Future<OutboundBatch.Answer> answer(InboundMessage in) {
        SessionActor actor = hosted.find(in.message().sessionId());
        if (actor == null) {
            return Future.succeededFuture(OutboundBatch.Answer.failed(EventBusAddresses.NOT_HERE,
                    "session not held by " + hosted.nodeId()));
        }
        return actor.submit(() -> hosted.held(actor, () -> hosted.persisted(actor,
                        () -> node.processor().process(actor.session(), in, hosted.now()))))
                .map(OutboundBatch.Answer::of)
                .otherwise(err -> err instanceof HostedSessions.SessionMoved
                        ? OutboundBatch.Answer.failed(EventBusAddresses.NOT_HERE, err.getMessage())
                        : OutboundBatch.Answer.of(internalError(in.message())));
    }

    /** Runs an owner operation in its session's actor; fails with the {@link ReplyException} the caller would get. */
    Future<JsonObject> operate(SessionOp<?> op) {
        SessionActor actor = hosted.find(op.sessionId());
        if (actor == null) {
            return Future.failedFuture(failure(EventBusAddresses.NOT_HERE, "session not held by " + hosted.nodeId()));
        }
        Supplier<Future<JsonObject>> step = () -> hosted.held(actor, () -> hosted.persisted(actor,
                () -> node.operations().apply(actor.session(), op, hosted.now())));
        return (op.isTransaction() ? actor.submit(step) : actor.runNow(step)).recover(err -> Future.failedFuture(
                err instanceof HostedSessions.SessionMoved ? failure(EventBusAddresses.NOT_HERE, err.getMessage())
                        : err instanceof CspException e ? failure(e.status().code(), e.result().description())
                        : failure(StatusCode.INTERNAL_ERROR.code(), String.valueOf(err.getMessage()))));
    }

    @Override
    public Future<OutboundMessage> login(InboundMessage in) {
        return node.loginOnNextHost(in);
    }

    @Override
    public Future<OutboundMessage> inband(InboundMessage in) {
        return answer(in).compose(a -> a.isFailure() ? Future.failedFuture(failure(a.failureCode(), a.failure()))
                : Future.succeededFuture(a.message()));
    }

    @Override
    public Future<JsonObject> operation(SessionOp<?> op) {
        return operate(op);
    }

    private static ReplyException failure(int code, String message) {
        return new ReplyException(ReplyFailure.RECIPIENT_FAILURE, code, message);
    }

    static OutboundMessage internalError(CspMessage req) {
        return OutboundMessage.of(new CspMessage(req.version(), req.sessionType(), req.sessionId(),
                List.of(Transaction.response(req.first().transactionId(),
                        StatusRules.status(Result.of(StatusCode.INTERNAL_ERROR)))), false, null));
    }
}
