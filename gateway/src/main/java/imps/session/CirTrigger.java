package imps.session;

import imps.bus.EventBusAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Wakes a client up through its standalone TCP CIR connection with {@code WVCI <version> <cookie>}
 * (transports §3–4). The socket may be held by another node than the owner: the line is sent to that
 * node's CIR address, which writes it out.
 */
public final class CirTrigger {
    private final Vertx vertx;

    public CirTrigger(Vertx vertx) {
        this.vertx = vertx;
    }

    /** The CIR text; the session cookie is the client's, so it can tell which session is meant. */
    public static String line(SessionContext session) {
        return "WVCI " + session.version().label() + " " + session.sessionCookie();
    }

    public void announce(SessionContext session) {
        CirBinding binding = session.cirBinding();
        if (binding != null) {
            vertx.eventBus().send(EventBusAddresses.cirOf(binding.nodeId()),
                    new JsonObject().put("channelId", binding.channelId()).put("line", line(session)));
        }
    }

    /** Closes a connection another one replaced: the client that switched networks wins. */
    public void close(CirBinding binding) {
        vertx.eventBus().send(EventBusAddresses.cirOf(binding.nodeId()),
                new JsonObject().put("channelId", binding.channelId()).put("close", true));
    }
}
