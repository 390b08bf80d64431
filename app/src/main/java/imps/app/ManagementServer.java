package imps.app;

import imps.config.GatewayConfig;
import imps.protocol.CspException;
import imps.protocol.StatusCode;
import imps.router.CspRouter;
import imps.transport.base.ServerTls;
import imps.transport.sms.SmsCenter;
import imps.transport.sms.SmsCounters;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.function.Supplier;

/**
 * The management port: liveness, readiness (200 only when every bearer listens, the subscriber
 * store answers and the node has joined its cluster, and not once it drains), the state of the
 * node's link to the SMS network, and the operator API: forced logout of a session, graceful drain
 * of the node, account provisioning ({@link ProvisioningApi}), and behind access control the metrics,
 * the admin API and the operations page ({@link Operations}). The SMS link does not decide
 * readiness: a node whose SMSC is down still serves HTTP.
 */
final class ManagementServer {
    private final Vertx vertx;
    private final GatewayConfig.Mgmt options;
    private final CspRouter cspRouter;
    private final NodeReadiness ready;
    private final Supplier<Future<Integer>> drain;
    private final SmsCenter sms;
    private final ProvisioningApi provisioning;
    private final Operations operations;
    private HttpServer server;

    /** @param sms the node's SMS link, null when the SMS bearer is off */
    ManagementServer(Vertx vertx, GatewayConfig.Mgmt options, CspRouter cspRouter, NodeReadiness ready,
                     Supplier<Future<Integer>> drain, SmsCenter sms, ProvisioningApi provisioning,
                     Operations operations) {
        this.vertx = vertx;
        this.options = options;
        this.cspRouter = cspRouter;
        this.ready = ready;
        this.drain = drain;
        this.sms = sms;
        this.provisioning = provisioning;
        this.operations = operations;
    }

    Future<HttpServer> start() {
        Router router = Router.router(vertx);
        operations.guard(router);
        router.get("/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
        router.get("/health/ready").handler(ctx -> {
            JsonObject report = ready.report();
            json(ctx, "UP".equals(report.getString("status")) ? 200 : 503, report);
        });
        router.get("/health/sms").handler(this::smsLink);
        router.post("/admin/sessions/:id/disconnect").handler(this::disconnect);
        router.post("/admin/drain").handler(ctx -> drain.get()
                .onSuccess(moved -> json(ctx, 200, new JsonObject().put("drained", true).put("sessionsMoved", moved)))
                .onFailure(err -> json(ctx, 500, new JsonObject().put("error", String.valueOf(err.getMessage())))));
        provisioning.mount(router);
        operations.mount(router);
        return ServerTls.apply(vertx, "mgmt", options.tls(), new HttpServerOptions()).compose(serverOptions -> {
            server = vertx.createHttpServer(serverOptions).requestHandler(router);
            return server.listen(options.port(), options.host());
        }).onSuccess(s -> ServerTls.keepCurrent(vertx, "mgmt", options.tls(), s::updateSSLOptions));
    }

    /** 200 while the SMS link can submit, 503 while it cannot, 404 when the node has no SMS bearer. */
    private void smsLink(RoutingContext ctx) {
        if (sms == null) {
            json(ctx, 404, new JsonObject().put("error", "the SMS bearer is off (sms.enabled)"));
            return;
        }
        SmsCounters c = sms.counters();
        boolean up = sms.connected();
        json(ctx, up ? 200 : 503, new JsonObject().put("status", up ? "UP" : "DOWN")
                .put("received", c.received()).put("submitted", c.submitted()).put("submitFailures", c.submitFailures())
                .put("delivered", c.delivered()).put("undeliverable", c.undeliverable()).put("connects", c.connects()));
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

    static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
