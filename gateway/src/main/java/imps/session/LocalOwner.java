package imps.session;

import imps.bus.InboundMessage;
import imps.bus.OutboundMessage;
import imps.bus.SessionOp;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The owner side of this node, reached by a direct call instead of an event-bus request to itself:
 * what the node's own router and owner client use for the sessions this node holds. Each call fails
 * as the event-bus request would ({@link io.vertx.core.eventbus.ReplyException} with the owner's
 * failure code, {@link imps.bus.EventBusAddresses#NOT_HERE} when the session is not held here).
 * Answers complete on the session's event loop.
 */
public interface LocalOwner {
    /**
     * A Login-Request: the new session lives on the host of this node that takes it. A login that goes
     * wrong is answered 500; the call fails only while no host of this node has started.
     */
    Future<OutboundMessage> login(InboundMessage in);

    Future<OutboundMessage> inband(InboundMessage in);

    /** Runs the operation and answers in its JSON form ({@link SessionOp#encodeReply}). */
    Future<JsonObject> operation(SessionOp<?> op);
}
