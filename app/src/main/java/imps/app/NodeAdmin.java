package imps.app;

import imps.protocol.StatusCode;
import imps.session.cir.CirBinding;
import imps.session.SessionActor;
import imps.session.SessionContext;
import imps.session.LocalSessions;
import imps.session.registry.ClusterMembership;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the admin API asks of each node over the event bus ({@code imps.admin.<node>}): the node's
 * state, the sessions it owns (filtered, in Session-ID order, from a cursor), one session's detail,
 * starting a drain and its progress. Any node's management port can so show the whole cluster
 * ({@link AdminApi}). A session's detail is read inside its actor; lists read what the owners write
 * without waiting for them, which is as current as a list of moving sessions can be.
 */
final class NodeAdmin {
    static final int NOT_FOUND = 404;
    private final Vertx vertx;
    private final String nodeId;
    private final LocalSessions sessions;
    private final ClusterMembership membership;
    private final LongSupplier clock;
    private final BooleanSupplier ready;
    private final DrainProgress drain;
    private final Supplier<Future<Integer>> startDrain;
    private final long startedAtMillis = System.currentTimeMillis();

    /** {@code clock}: the session core's clock, against which sessions' times are kept. */
    NodeAdmin(Vertx vertx, String nodeId, LocalSessions sessions, ClusterMembership membership, LongSupplier clock,
              BooleanSupplier ready, DrainProgress drain, Supplier<Future<Integer>> startDrain) {
        this.vertx = vertx;
        this.nodeId = nodeId;
        this.sessions = sessions;
        this.membership = membership;
        this.clock = clock;
        this.ready = ready;
        this.drain = drain;
        this.startDrain = startDrain;
    }

    static String address(String nodeId) {
        return "imps.admin." + nodeId;
    }

    Future<Void> register() {
        MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(address(nodeId), this::handle);
        return consumer.completion();
    }

    private void handle(Message<JsonObject> msg) {
        JsonObject req = msg.body();
        switch (req.getString("op", "")) {
            case "status" -> msg.reply(status());
            case "sessions" -> msg.reply(sessions(req));
            case "session" -> session(req.getString("sessionId")).onSuccess(msg::reply)
                    .onFailure(err -> msg.fail(NOT_FOUND, err.getMessage()));
            case "drain" -> {
                if (!drain.draining()) {
                    startDrain.get();
                }
                msg.reply(drainProgress());
            }
            case "drainProgress" -> msg.reply(drainProgress());
            default -> msg.fail(400, "unknown admin operation");
        }
    }

    JsonObject status() {
        int live = 0;
        int retained = 0;
        for (SessionActor a : sessions.all()) {
            if (a.session().isActive()) {
                live++;
            } else {
                retained++;
            }
        }
        return new JsonObject().put("nodeId", nodeId).put("ready", ready.getAsBoolean())
                .put("draining", drain.draining()).put("drain", drain.state().name().toLowerCase(java.util.Locale.ROOT))
                .put("quorate", membership.quorate())
                .put("sessions", new JsonObject().put("live", live).put("retained", retained))
                .put("startedAt", java.time.Instant.ofEpochMilli(startedAtMillis).toString());
    }

    JsonObject drainProgress() {
        return drain.json(sessions.size()).put("nodeId", nodeId);
    }

    /** Sessions matching the filters in {@code req}, with Session-IDs after {@code after}, at most {@code limit}. */
    private JsonObject sessions(JsonObject req) {
        String user = req.getString("user");
        String bearer = req.getString("bearer");
        String version = req.getString("version");
        String state = req.getString("state", "live");
        String after = req.getString("after");
        int limit = req.getInteger("limit", 100);
        Predicate<SessionContext> match = s -> (user == null || user.equals(s.userId()))
                && (bearer == null || bearer.equals(s.bearer()))
                && (version == null || version.equals(s.version().label()))
                && ("all".equals(state) || s.isActive() == "live".equals(state))
                && (after == null || s.sessionId().compareTo(after) > 0);
        long now = clock.getAsLong();
        List<SessionContext> page = sessions.all().stream().map(SessionActor::session).filter(match)
                .sorted(Comparator.comparing(SessionContext::sessionId)).limit(limit).toList();
        JsonArray out = new JsonArray();
        page.forEach(s -> out.add(summary(s, now)));
        return new JsonObject().put("sessions", out);
    }

    private Future<JsonObject> session(String sessionId) {
        SessionActor actor = sessions.get(sessionId);
        if (actor == null) {
            return Future.failedFuture("no session " + sessionId + " on " + nodeId);
        }
        return actor.runNow(() -> Future.succeededFuture(detail(actor.session(), clock.getAsLong())));
    }

    private JsonObject summary(SessionContext s, long now) {
        return new JsonObject().put("sessionId", s.sessionId()).put("userId", s.userId()).put("node", nodeId)
                .put("state", s.isActive() ? "live" : "retained").put("version", s.version().label())
                .put("syntax", s.syntax()).put("bearer", s.bearer()).put("clientId", s.clientKey())
                .put("ageSeconds", Math.max(0, (System.currentTimeMillis() - s.heldSinceMillis()) / 1000))
                .put("idleSeconds", TimeUnit.NANOSECONDS.toSeconds(Math.max(0, now - s.lastActivityNanos())))
                .put("queueDepth", s.queue().pendingCount());
    }

    private JsonObject detail(SessionContext s, long now) {
        CirBinding cir = s.cirBinding();
        return summary(s, now)
                .put("heldSince", java.time.Instant.ofEpochMilli(s.heldSinceMillis()).toString())
                .put("keepAliveSeconds", s.keepAliveSeconds())
                .put("capabilitiesNegotiated", s.capabilitiesNegotiated())
                .put("cirMethods", new JsonArray(s.capabilities().cirMethods()))
                .put("servicesNegotiated", s.servicesNegotiated())
                .put("agreedFunctions", s.agreedFunctions() == null ? 0 : s.agreedFunctions().size())
                .put("presenceSubscriptions", s.presenceSubscriptions().size())
                .put("notificationSubscriptions", s.notificationSubscriptions().size())
                .put("joinedGroups", s.joinedGroups().size())
                .put("queue", new JsonObject().put("pending", s.queue().pendingCount()).put("total", s.queue().size()))
                .put("cir", cir == null ? null : new JsonObject().put("method", cir.method())
                        .put("node", cir.heldByNode() ? cir.nodeId() : null));
    }

    /** The code a failed admin request came back with: 404 for an unknown session. */
    static boolean notFound(Throwable err) {
        return err instanceof io.vertx.core.eventbus.ReplyException re && re.failureCode() == NOT_FOUND
                || err instanceof imps.protocol.CspException e && e.status() == StatusCode.INVALID_SESSION;
    }
}
