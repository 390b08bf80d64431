package imps.session;

import imps.protocol.CspException;
import imps.protocol.CspVersion;
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

    public Future<JsonObject> apply(SessionContext s, SessionOp op, long now) {
        JsonObject args = op.args();
        return switch (op.kind()) {
            case DISCONNECT -> {
                if (!s.isActive()) {
                    yield Future.succeededFuture(new JsonObject().put("disconnected", false));
                }
                yield lifecycle.end(s, EndCause.FORCED_LOGOUT, now).map(v -> new JsonObject().put("disconnected", true));
            }
            case RECOVER -> recovery.recover(s, new SessionRecovery.Attempt(args.getString("userId"), op.primitive(),
                            args.getString("clientKey"), args.getString("cookie"),
                            CspVersion.fromLabel(args.getString("version")), args.getString("syntax"),
                            args.getInteger("timeToLive")), now)
                    .map(o -> new JsonObject().put("keepAliveTime", o.keepAliveSeconds())
                            .put("capabilityRequest", o.capabilityRequest()));
            case CIR_BIND -> {
                if (!s.isActive()) {
                    yield Future.failedFuture(new CspException(StatusCode.INVALID_SESSION));
                }
                CirBinding binding = binding(args);
                CirBinding old = s.cirBinding();
                if (old != null && !old.equals(binding)) {
                    cir.close(old);
                }
                s.cirBinding(binding);
                // A client that reconnects may have missed wake-ups: tell it on the new connection when
                // something is collectable (docs/conformance.md "Server transactions").
                String announce = null;
                if (s.queue().hasCollectable(now)) {
                    announce = CirTrigger.line(s);
                    s.queue().wakeUpSent();
                    telemetry.cirWakeUp(binding.method());
                }
                yield Future.succeededFuture(new JsonObject().put("announce", announce));
            }
            case CIR_UNBIND -> {
                CirBinding gone = binding(args);
                if (gone.equals(s.cirBinding())) {
                    s.cirLost();
                }
                yield Future.succeededFuture(new JsonObject());
            }
            case CIR_QUERY -> {
                boolean pending = s.queue().hasCollectable(now);
                if (pending) {
                    telemetry.cirWakeUp("SHTTP");
                }
                yield Future.succeededFuture(new JsonObject().put("pending", pending).put("line", CirTrigger.line(s)));
            }
            case DELIVER -> {
                if (!s.isActive()) {
                    yield Future.failedFuture(new CspException(StatusCode.INVALID_SESSION));
                }
                String leaf = args.getString("requiredLeaf");
                if (leaf != null && (!s.servicesNegotiated() || !s.agreedFunctions().contains(leaf))) {
                    yield Future.failedFuture(new CspException(StatusCode.SERVICE_NOT_AGREED));
                }
                if (!s.queue().offer(op.primitive(), args.getBoolean("expectsResponse", true), true, maxQueued)) {
                    telemetry.queueFull();
                    yield Future.failedFuture(new CspException(StatusCode.MESSAGE_QUEUE_FULL));
                }
                telemetry.queued();
                cir.wakeUpIfNeeded(s, now);
                yield Future.succeededFuture(new JsonObject().put("queued", true));
            }
        };
    }

    private static CirBinding binding(JsonObject args) {
        return new CirBinding(args.getString("method", CirBinding.STCP), args.getString("nodeId"), args.getString("channelId"));
    }
}
