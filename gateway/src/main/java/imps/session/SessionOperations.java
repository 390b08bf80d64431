package imps.session;

import imps.session.cir.CirTrigger;
import imps.session.cir.CirBinding;
import imps.session.cir.CirMethod;
import imps.protocol.CspException;
import imps.protocol.StatusCode;
import imps.bus.SessionOp;
import imps.telemetry.Telemetry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Runs a {@link SessionOp} on the session's owner, inside its actor. Failures are
 * {@link CspException}s whose code travels back to the caller.
 */
public final class SessionOperations {
    private final SessionLifecycle lifecycle;
    private final SessionRecovery recovery;
    private final CirTrigger cir;
    private final int maxQueued;
    private final Telemetry telemetry;

    public SessionOperations(SessionLifecycle lifecycle, SessionRecovery recovery, CirTrigger cir, int maxQueued,
                             Telemetry telemetry) {
        this.telemetry = telemetry;
        this.lifecycle = lifecycle;
        this.recovery = recovery;
        this.cir = cir;
        this.maxQueued = maxQueued;
    }

    /** Runs the operation and answers in its JSON form (see {@link SessionOp#encodeReply}). */
    public <R> Future<JsonObject> apply(SessionContext s, SessionOp<R> op, long now) {
        Future<R> result;
        if (op instanceof SessionOp.Disconnect) {
            result = cast(disconnect(s, now));
        } else if (op instanceof SessionOp.Recover r) {
            result = cast(recovery.recover(s, r, now));
        } else if (op instanceof SessionOp.BindCir b) {
            result = cast(bindCir(s, new CirBinding(b.method(), b.nodeId(), b.channelId()), now));
        } else if (op instanceof SessionOp.UnbindCir u) {
            if (new CirBinding(u.method(), u.nodeId(), u.channelId()).equals(s.cirBinding())) {
                s.cirLost();
            }
            result = Future.succeededFuture();
        } else if (op instanceof SessionOp.QueryCir) {
            result = cast(Future.succeededFuture(queryCir(s, now)));
        } else {
            result = cast(deliver(s, (SessionOp.Deliver) op, now));
        }
        return result.map(op::encodeReply);
    }

    /** Each branch above answers the type its operation declares. */
    @SuppressWarnings("unchecked")
    private static <R> Future<R> cast(Future<?> result) {
        return (Future<R>) result;
    }

    private Future<Boolean> disconnect(SessionContext s, long now) {
        if (!s.isActive()) {
            return Future.succeededFuture(false);
        }
        return lifecycle.end(s, EndCause.FORCED_LOGOUT, now).map(true);
    }

    /**
     * A CIR channel of the client's: it replaces the one before (the client that switched networks
     * wins). A client that reconnects may have missed wake-ups: the new channel is told at once when
     * something is collectable (docs/conformance.md "Server transactions").
     */
    private Future<String> bindCir(SessionContext s, CirBinding binding, long now) {
        if (!s.isActive()) {
            return Future.failedFuture(new CspException(StatusCode.INVALID_SESSION));
        }
        CirBinding old = s.cirBinding();
        if (old != null && !old.equals(binding)) {
            cir.close(old);
        }
        s.cirBinding(binding);
        if (!s.queue().hasCollectable(now)) {
            return Future.succeededFuture();
        }
        s.queue().wakeUpSent();
        telemetry.cirWakeUp(binding.method());
        return Future.succeededFuture(CirTrigger.line(s));
    }

    /** The line a standalone HTTP CIR poll answers with while something is collectable, else null. */
    private String queryCir(SessionContext s, long now) {
        if (!s.queue().hasCollectable(now)) {
            return null;
        }
        telemetry.cirWakeUp(CirMethod.SHTTP.name());
        return CirTrigger.line(s);
    }

    private Future<Void> deliver(SessionContext s, SessionOp.Deliver d, long now) {
        if (!s.isActive()) {
            return Future.failedFuture(new CspException(StatusCode.INVALID_SESSION));
        }
        String leaf = d.requiredLeaf();
        if (leaf != null && (!s.servicesNegotiated() || !s.agreedFunctions().contains(leaf))) {
            return Future.failedFuture(new CspException(StatusCode.SERVICE_NOT_AGREED));
        }
        if (!s.queueToChange().offer(d.primitive(), d.expectsResponse(), d.tag(), true, maxQueued)) {
            telemetry.queueFull();
            return Future.failedFuture(new CspException(StatusCode.MESSAGE_QUEUE_FULL));
        }
        telemetry.queued();
        cir.wakeUpIfNeeded(s, now);
        return Future.succeededFuture();
    }
}
