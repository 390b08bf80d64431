package imps.app;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * What the management port offers an operations team (docs/operations.md), mounted by
 * {@link ManagementServer}: access control in front of every route, {@code /metrics} in the
 * Prometheus text format, the admin API ({@link AdminApi}), its OpenAPI description and the live
 * operations page, plain HTML and one script served from the jar.
 */
final class Operations {
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private final ManagementAuth auth;
    private final NodeMetrics metrics;
    private final AdminApi admin;
    private Router router;

    Operations(ManagementAuth auth, NodeMetrics metrics, AdminApi admin) {
        this.auth = auth;
        this.metrics = metrics;
        this.admin = admin;
    }

    /** Access control, before any route. */
    void guard(Router router) {
        router.route().handler(auth);
    }

    void mount(Router router) {
        this.router = router;
        router.get("/metrics").handler(this::scrape);
        admin.mount(router);
        router.get("/admin/openapi.yaml").handler(ctx -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml; charset=utf-8").sendFile("ops/openapi.yaml"));
        router.get("/").handler(ctx -> ctx.redirect(OpsPage.PATH));
        router.get(OpsPage.PATH + "*").handler(OpsPage::secure).handler(StaticHandler.create("ops")
                .setCachingEnabled(false).setDirectoryListing(false).setIndexPage("index.html"));
    }

    /** Method and path of every route the management port serves, as Vert.x Web matches them. */
    java.util.List<String> routes() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (io.vertx.ext.web.Route r : router.getRoutes()) {
            if (r.getPath() != null && r.methods() != null) {
                r.methods().forEach(m -> out.add(m.name() + " " + r.getPath()));
            }
        }
        return out;
    }

    private void scrape(RoutingContext ctx) {
        if (!metrics.enabled()) {
            ManagementServer.json(ctx, 404, new JsonObject().put("error", "metrics are off (metrics.enabled)"));
            return;
        }
        // A scrape counts every session of the node: off the event loop.
        ctx.vertx().executeBlocking(metrics::scrape, false).onComplete(ar -> {
            if (ar.failed()) {
                ManagementServer.json(ctx, 500, new JsonObject().put("error", "scrape failed"));
            } else {
                ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, PROMETHEUS_TEXT).end(ar.result());
            }
        });
    }
}
