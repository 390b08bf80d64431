package imps.app;

import imps.config.GatewayConfig;
import imps.protocol.CspException;
import imps.protocol.StatusCode;
import imps.router.CspRouter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The management port: liveness, readiness (200 only when every bearer listens and the node has
 * joined its cluster, and not once it drains) and the operator API: forced logout of a session and
 * graceful drain of the node.
 */
final class ManagementServer {
    private final Vertx vertx;
    private final GatewayConfig.Mgmt options;
    private final CspRouter cspRouter;
    private final BooleanSupplier ready;
    private final Supplier<Future<Integer>> drain;
    private HttpServer server;

    ManagementServer(Vertx vertx, GatewayConfig.Mgmt options, CspRouter cspRouter, BooleanSupplier ready,
                     Supplier<Future<Integer>> drain) {
        this.vertx = vertx;
        this.options = options;
        this.cspRouter = cspRouter;
        this.ready = ready;
        this.drain = drain;
    }

    Future<HttpServer> start() {
        Router router = Router.router(vertx);
        router.get("/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
        router.get("/health/ready").handler(ctx -> {
            boolean up = ready.getAsBoolean();
            json(ctx, up ? 200 : 503, new JsonObject().put("status", up ? "UP" : "DOWN"));
        });
        router.post("/admin/sessions/:id/disconnect").handler(this::disconnect);
        router.post("/admin/drain").handler(ctx -> drain.get()
                .onSuccess(moved -> json(ctx, 200, new JsonObject().put("drained", true).put("sessionsMoved", moved)))
                .onFailure(err -> json(ctx, 500, new JsonObject().put("error", String.valueOf(err.getMessage())))));
        server = vertx.createHttpServer().requestHandler(router);
        return server.listen(options.port(), options.host());
    }

    private void disconnect(RoutingContext ctx) {
        String sessionId = ctx.pathParam("id");
        JsonObject body = new JsonObject().put("sessionId", sessionId);
        cspRouter.forceDisconnect(sessionId)
                .onSuccess(done -> json(ctx, done ? 200 : 409, done
                        ? body.put("disconnected", true)
                        : body.put("error", "session already ended")))
                .onFailure(err -> {
                    boolean unknown = err instanceof CspException e && e.status() == StatusCode.INVALID_SESSION;
                    json(ctx, unknown ? 404 : 503, body.put("error", unknown ? "no such session" : err.getMessage()));
                });
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
