package imps.session;

import imps.bus.EventBusAddresses;
import imps.telemetry.Telemetry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Wakes a client up with {@code WVCI <version> <cookie>} (transports §3, §4, §6): through its
 * standalone TCP CIR connection, which may be held by another node than the owner (the line goes to
 * that node's CIR address), or by SMS to the bound phone number (through this node's SMS link).
 */
public final class CirTrigger {
    private final Vertx vertx;
    private final Telemetry telemetry;

    public CirTrigger(Vertx vertx, Telemetry telemetry) {
        this.vertx = vertx;
        this.telemetry = telemetry;
    }

    /** The CIR text; the session cookie is the client's, so it can tell which session is meant. */
    public static String line(SessionContext session) {
        return "WVCI " + session.version().label() + " " + session.sessionCookie();
    }

    /**
     * Wakes the client when it needs it: something is collectable and no wake-up went out since it
     * last polled. One wake-up covers everything queued until the client polls (docs/conformance.md
     * "Server transactions").
     */
    public void wakeUpIfNeeded(SessionContext session, long nowNanos) {
        CirBinding binding = session.cirBinding();
        if (binding == null || !session.queue().wakeUpNeeded(nowNanos)) {
            return;
        }
        JsonObject cir = new JsonObject().put("channelId", binding.channelId()).put("line", line(session));
        vertx.eventBus().send(binding.heldByNode() ? EventBusAddresses.cirOf(binding.nodeId()) : EventBusAddresses.SMS_CIR,
                cir);
        session.queue().wakeUpSent();
        telemetry.cirWakeUp(binding.method());
    }

    /**
     * Closes a connection another one replaced: the client that switched networks wins. An SMS
     * binding holds no connection.
     */
    public void close(CirBinding binding) {
        if (!binding.heldByNode()) {
            return;
        }
        vertx.eventBus().send(EventBusAddresses.cirOf(binding.nodeId()),
                new JsonObject().put("channelId", binding.channelId()).put("close", true));
    }
}
