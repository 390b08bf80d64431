package imps.app;

import imps.auth.UserAddress;
import imps.auth.UserDirectory;
import imps.router.CspRouter;
import imps.config.GatewayConfig;
import imps.session.registry.SessionRegistries;
import imps.transport.sms.SmsCenter;
import imps.transport.sms.SmsCounters;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The operator's view of the cluster on the management port (docs/operations.md, openapi.yaml):
 * sessions searched across every node, one session's detail, forced logout of a user's sessions,
 * the members and their state, a drain of any node and its progress, and the SMS link. Each node
 * answers for itself through {@link NodeAdmin}; this node asks them all and merges. Bad parameters
 * get 400 with a JSON error naming the parameter; an unknown session, user or node 404.
 */
final class AdminApi {
    private static final long NODE_TIMEOUT_MILLIS = 5_000;
    private static final Set<String> STATES = Set.of("live", "retained", "all");
    private static final Set<String> BEARERS = Set.of("http", "sms");

    private final Vertx vertx;
    private final GatewayConfig config;
    private final String nodeId;
    private final SessionRegistries registries;
    private final UserDirectory users;
    private final ForcedLogout logout;
    private final SmsCenter sms;
    private final DeliveryOptions delivery = new DeliveryOptions().setSendTimeout(NODE_TIMEOUT_MILLIS);

    /** @param sms the node's SMS link, null when the SMS bearer is off */
    AdminApi(Vertx vertx, GatewayConfig config, String nodeId, SessionRegistries registries, UserDirectory users,
             CspRouter router, SmsCenter sms) {
        this.vertx = vertx;
        this.config = config;
        this.nodeId = nodeId;
        this.registries = registries;
        this.users = users;
        this.logout = new ForcedLogout(registries.users(), router);
        this.sms = sms;
    }

    void mount(Router router) {
        router.get("/admin/sessions").handler(this::sessions);
        router.get("/admin/sessions/:id").handler(this::session);
        router.post("/admin/users/:id/disconnect").handler(this::disconnectUser);
        router.get("/admin/cluster").handler(this::cluster);
        router.get("/admin/nodes/:id").handler(ctx -> node(ctx, "status"));
        router.post("/admin/nodes/:id/drain").handler(ctx -> node(ctx, "drain"));
        router.get("/admin/nodes/:id/drain").handler(ctx -> node(ctx, "drainProgress"));
        router.get("/admin/sms").handler(this::smsLink);
    }

    /** A parameter that is not acceptable: 400 naming it. */
    private static void bad(RoutingContext ctx, String parameter, String message) {
        ManagementServer.json(ctx, 400, new JsonObject().put("error", message).put("parameter", parameter));
    }

    private static void notFound(RoutingContext ctx, String message) {
        ManagementServer.json(ctx, 404, new JsonObject().put("error", message));
    }

    private static void unavailable(RoutingContext ctx, Throwable err) {
        ManagementServer.json(ctx, 503, new JsonObject().put("error", "the cluster did not answer: " + err.getMessage()));
    }

    private void sessions(RoutingContext ctx) {
        var params = ctx.request().params();
        for (String name : params.names()) {
            if (!Set.of("user", "node", "bearer", "version", "state", "limit", "cursor").contains(name)) {
                bad(ctx, name, "unknown parameter " + name + "; known: user, node, bearer, version, state, limit, cursor");
                return;
            }
        }
        int limit = Paging.limit(params.get("limit"));
        if (limit < 0) {
            bad(ctx, "limit", Paging.LIMIT_ERROR);
            return;
        }
        String state = params.get("state") == null ? "live" : params.get("state");
        if (!STATES.contains(state)) {
            bad(ctx, "state", "state must be live, retained or all");
            return;
        }
        String bearer = params.get("bearer");
        if (bearer != null && !BEARERS.contains(bearer)) {
            bad(ctx, "bearer", "bearer must be http or sms");
            return;
        }
        String version = params.get("version");
        if (version != null && !config.csp().versions().contains(version)) {
            bad(ctx, "version", "version must be one of " + config.csp().versions());
            return;
        }
        String user = params.get("user");
        if (user != null) {
            user = UserAddress.canonical(user, config.csp().domain());
            if (user == null) {
                bad(ctx, "user", "user is empty");
                return;
            }
        }
        String node = params.get("node");
        List<String> nodes = registries.membership().liveNodes();
        if (node != null && !nodes.contains(node)) {
            notFound(ctx, "no node " + node + " in the cluster");
            return;
        }
        JsonObject query = new JsonObject().put("op", "sessions").put("user", user).put("bearer", bearer)
                .put("version", version).put("state", state).put("after", params.get("cursor")).put("limit", limit + 1);
        List<String> asked = node == null ? nodes : List.of(node);
        List<Future<JsonObject>> answers = asked.stream().map(n -> ask(n, query)).toList();
        Future.join(answers).onComplete(ar -> {
            List<JsonObject> all = new ArrayList<>();
            JsonArray unreachable = new JsonArray();
            for (int i = 0; i < answers.size(); i++) {
                Future<JsonObject> f = answers.get(i);
                if (f.succeeded()) {
                    f.result().getJsonArray("sessions").forEach(o -> all.add((JsonObject) o));
                } else {
                    unreachable.add(asked.get(i));
                }
            }
            all.sort(Comparator.comparing(o -> o.getString("sessionId")));
            boolean more = all.size() > limit;
            List<JsonObject> page = more ? all.subList(0, limit) : all;
            ManagementServer.json(ctx, 200, new JsonObject().put("sessions", new JsonArray(new ArrayList<>(page)))
                    .put("next", more ? page.get(page.size() - 1).getString("sessionId") : null)
                    .put("unreachableNodes", unreachable));
        });
    }

    private void session(RoutingContext ctx) {
        String sessionId = ctx.pathParam("id");
        registries.directory().ownerOf(sessionId).compose(owner -> owner == null
                        ? Future.failedFuture(new imps.protocol.CspException(imps.protocol.StatusCode.INVALID_SESSION))
                        : ask(owner, new JsonObject().put("op", "session").put("sessionId", sessionId)))
                .onSuccess(detail -> ManagementServer.json(ctx, 200, detail))
                .onFailure(err -> {
                    if (NodeAdmin.notFound(err)) {
                        notFound(ctx, "no session " + sessionId);
                    } else {
                        unavailable(ctx, err);
                    }
                });
    }

    private void disconnectUser(RoutingContext ctx) {
        String userId = UserAddress.canonical(ctx.pathParam("id"), config.csp().domain());
        if (userId == null) {
            bad(ctx, "id", "no user in the path");
            return;
        }
        users.find(userId).compose(account -> account == null ? Future.succeededFuture((Integer) null)
                        : logout.endSessions(userId))
                .onSuccess(ended -> {
                    if (ended == null) {
                        notFound(ctx, "no user " + userId);
                    } else {
                        ManagementServer.json(ctx, 200, new JsonObject().put("userId", userId).put("sessionsEnded", ended));
                    }
                })
                .onFailure(err -> unavailable(ctx, err));
    }

    private void cluster(RoutingContext ctx) {
        List<String> nodes = registries.membership().liveNodes();
        List<Future<JsonObject>> answers = nodes.stream().map(n -> ask(n, new JsonObject().put("op", "status"))
                .otherwise(err -> new JsonObject().put("nodeId", n).put("reachable", false))).toList();
        Future.join(answers).onComplete(ar -> {
            JsonArray members = new JsonArray();
            answers.forEach(f -> members.add(f.result()));
            ManagementServer.json(ctx, 200, new JsonObject().put("nodeId", nodeId)
                    .put("quorate", registries.membership().quorate())
                    .put("minimumClusterSize", config.cluster().minimumClusterSize())
                    .put("members", members));
        });
    }

    /** Asks one node ({@code op}: status, drain, drainProgress); 404 for a node not in the cluster; 202 for a drain. */
    private void node(RoutingContext ctx, String op) {
        String node = ctx.pathParam("id");
        if (!registries.membership().liveNodes().contains(node)) {
            notFound(ctx, "no node " + node + " in the cluster");
            return;
        }
        ask(node, new JsonObject().put("op", op))
                .onSuccess(answer -> ManagementServer.json(ctx, "drain".equals(op) ? 202 : 200, answer))
                .onFailure(err -> unavailable(ctx, err));
    }

    private void smsLink(RoutingContext ctx) {
        if (sms == null) {
            notFound(ctx, "the SMS bearer is off on this node (sms.enabled)");
            return;
        }
        SmsCounters c = sms.counters();
        ManagementServer.json(ctx, 200, new JsonObject().put("nodeId", nodeId)
                .put("connector", config.sms().connector()).put("connected", sms.connected())
                .put("received", c.received()).put("submitted", c.submitted()).put("submitFailures", c.submitFailures())
                .put("delivered", c.delivered()).put("undeliverable", c.undeliverable()).put("connects", c.connects()));
    }

    private Future<JsonObject> ask(String node, JsonObject request) {
        return vertx.eventBus().<JsonObject>request(NodeAdmin.address(node), request, delivery).map(Message::body);
    }
}
