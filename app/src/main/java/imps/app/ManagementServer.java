package imps.app;

import imps.config.GatewayConfig;
import imps.router.CspRouter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.function.BooleanSupplier;

/**
 * The management port: liveness, readiness (200 only when every bearer listens and the node has
 * joined its cluster) and the operator API.
 */
final class ManagementServer {
    private final Vertx vertx;
    private final GatewayConfig.Mgmt options;
    private final CspRouter cspRouter;
    private final BooleanSupplier ready;
    private HttpServer server;

    ManagementServer(Vertx vertx, GatewayConfig.Mgmt options, CspRouter cspRouter, BooleanSupplier ready) {
        this.vertx = vertx;
        this.options = options;
        this.cspRouter = cspRouter;
        this.ready = ready;
    }

    Future<HttpServer> start() {
        Router router = Router.router(vertx);
        router.get("/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
        router.get("/health/ready").handler(ctx -> {
            boolean up = ready.getAsBoolean();
            json(ctx, up ? 200 : 503, new JsonObject().put("status", up ? "UP" : "DOWN"));
        });
        router.post("/admin/sessions/:id/disconnect").handler(this::disconnect);
        server = vertx.createHttpServer().requestHandler(router);
        return server.listen(options.port(), options.host());
    }

    private void disconnect(RoutingContext ctx) {
        String sessionId = ctx.pathParam("id");
        cspRouter.forceDisconnect(sessionId)
                .onSuccess(v -> json(ctx, 200, new JsonObject().put("sessionId", sessionId).put("disconnected", true)))
                .onFailure(err -> {
                    int status = err instanceof ReplyException re && re.failureCode() > 0 ? re.failureCode() : 500;
                    json(ctx, status, new JsonObject().put("sessionId", sessionId).put("error", err.getMessage()));
                });
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
