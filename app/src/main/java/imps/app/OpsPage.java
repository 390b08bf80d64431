package imps.app;

import io.vertx.ext.web.RoutingContext;

/**
 * The live operations page (docs/operations.md "Operations page"): {@code ops/index.html} and
 * {@code ops/ops.js} from the jar, nothing built at run time. The page reads only the admin API and
 * {@code /metrics} of the port it came from; it may run no script and load nothing from elsewhere,
 * and no other site may frame it.
 */
final class OpsPage {
    static final String PATH = "/ops/";

    private OpsPage() {
    }

    static void secure(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer");
        ctx.next();
    }
}
