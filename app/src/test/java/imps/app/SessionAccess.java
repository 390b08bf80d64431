package imps.app;

import imps.session.SessionActor;
import imps.session.SessionContext;
import io.vertx.core.Future;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Reads or changes a session's context the way the gateway does: inside its actor, on its event loop. */
final class SessionAccess {
    /** Generous: a busy machine can hold an owner call for seconds; a broken one never answers. */
    private static final int WAIT_SECONDS = 20;

    private SessionAccess() {
    }

    /** Whether {@code node} holds the session's actor, i.e. owns it. */
    static boolean isLocal(TestNode node, String sessionId) {
        return node.node().core().localSessions().get(sessionId) != null;
    }

    static void change(TestNode node, String sessionId, Consumer<SessionContext> change) {
        SessionActor actor = node.node().core().localSessions().get(sessionId);
        if (actor == null) {
            throw new AssertionError("no session " + sessionId + " on this node");
        }
        try {
            actor.submit(() -> {
                change.accept(actor.session());
                return Future.succeededFuture();
            }).toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A read of the context inside its actor. */
    static SessionContext context(TestNode node, String sessionId) {
        SessionContext[] seen = new SessionContext[1];
        change(node, sessionId, s -> seen[0] = s);
        return seen[0];
    }

    static void deliver(TestNode node, String sessionId, imps.protocol.Element primitive) {
        try {
            node.node().core().owners().send(new imps.bus.SessionOp.Deliver(sessionId, primitive, true, null, null)).toCompletionStage().toCompletableFuture()
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
