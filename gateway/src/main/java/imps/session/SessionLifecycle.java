package imps.session;

import imps.session.cir.CirTrigger;
import imps.protocol.Element;
import imps.protocol.Result;
import imps.session.registry.UserSessionRegistry;
import imps.telemetry.Telemetry;
import io.vertx.core.Future;

/**
 * Ends sessions. The context stays with its owner afterwards (for recovery and so that a queued
 * Disconnect can still be collected); the user's live-session entry is released at once, so the
 * Client-ID and the session slot are free again.
 */
public final class SessionLifecycle {
    private final UserSessionRegistry users;
    private final int maxQueued;
    private final CirTrigger cir;
    private final SessionEvents events;
    private final Telemetry telemetry;

    public SessionLifecycle(UserSessionRegistry users, int maxQueued, CirTrigger cir, SessionEvents events,
                            Telemetry telemetry) {
        this.telemetry = telemetry;
        this.users = users;
        this.maxQueued = maxQueued;
        this.cir = cir;
        this.events = events;
    }

    public Future<Void> end(SessionContext session, EndCause cause, long nowNanos) {
        if (!session.isActive()) {
            return Future.succeededFuture();
        }
        session.end(nowNanos);
        telemetry.sessionEnded(cause, session.sessionId(), session.userId());
        if (cause.disconnectCode() != null) {
            Element disconnect = Element.of("Disconnect", Result.of(cause.disconnectCode()).toElement());
            // The Disconnect must reach the client even when the queue is full: it is the last word.
            session.queueToChange().offer(disconnect, false, null, session.version().disconnectCarriesTransactionId(),
                    Math.max(maxQueued, session.queue().pendingCount() + 1));
            cir.wakeUpIfNeeded(session, nowNanos);
        } else if (session.cirBinding() != null) {
            // Logout closes the CIR channel (docs/conformance.md, CR 001 §6 ¶3).
            cir.close(session.cirBinding());
            session.cirBinding(null);
        }
        return users.release(session.userId(), session.sessionId()).compose(v -> events.ended(session, cause));
    }
}
