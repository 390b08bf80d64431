package imps.app;

import imps.config.GatewayConfig;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * Access control of the management port (docs/operations.md "Access"). Every route needs a token
 * from {@code mgmt.tokens} (everything) or {@code mgmt.readOnlyTokens} (GET and HEAD only), except
 * {@code /health/*} and {@code /metrics} while {@code mgmt.healthOpen} / {@code mgmt.metricsOpen}
 * say so. The token comes as {@code Authorization: Bearer <token>}, or, for a browser on the
 * operations page, as the password of HTTP Basic (the user name is ignored). Tokens are compared
 * through their SHA-256 digests with {@link MessageDigest#isEqual}, against every configured token,
 * so neither the length nor the matching prefix of a token shows in the time an answer takes.
 *
 * <p>A browser sends Basic credentials it remembers with any request to the port, also one a
 * foreign page makes it send; so a request that changes something and is authenticated by Basic must
 * carry {@code X-Requested-With}, which a foreign page cannot add without the port's consent (CORS,
 * never given). Refusals are 401 (no or a wrong credential) or 403 (a read-only token that tried to
 * change something, a cross-site change); each is counted and logged with the method, path and peer,
 * never with the credential.
 */
final class ManagementAuth implements Handler<RoutingContext> {
    private static final Logger log = LoggerFactory.getLogger(ManagementAuth.class);
    static final String REALM = "IMPS management";

    /** Why a request was refused, as counted in {@code imps_mgmt_auth_failures_total{reason}}. */
    enum Refusal { MISSING, INVALID, READ_ONLY, CROSS_SITE }

    private final List<byte[]> operatorDigests;
    private final List<byte[]> readerDigests;
    private final boolean healthOpen;
    private final boolean metricsOpen;
    private final LongAdder refused = new LongAdder();
    private final BiConsumer<Refusal, RoutingContext> onRefusal;

    /** {@code onRefusal}: told of every refused request (the node counts them). */
    ManagementAuth(GatewayConfig.Mgmt options, BiConsumer<Refusal, RoutingContext> onRefusal) {
        this.operatorDigests = options.tokens().stream().map(ManagementAuth::digest).toList();
        this.readerDigests = options.readOnlyTokens().stream().map(ManagementAuth::digest).toList();
        this.healthOpen = options.healthOpen();
        this.metricsOpen = options.metricsOpen();
        this.onRefusal = onRefusal;
        if (operatorDigests.isEmpty() && readerDigests.isEmpty()) {
            log.warn("no management token is configured (mgmt.tokens): the admin API and the operations page refuse every request");
        }
    }

    /** Requests refused since the start. */
    long refused() {
        return refused.sum();
    }

    @Override
    public void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (healthOpen && path.startsWith("/health/") || metricsOpen && path.equals("/metrics")) {
            ctx.next();
            return;
        }
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        Credential credential = Credential.parse(header);
        if (credential == null) {
            refuse(ctx, Refusal.MISSING, 401, "a management token is required (Authorization: Bearer <token>)");
            return;
        }
        byte[] presented = digest(credential.token());
        boolean operator = matchesAny(operatorDigests, presented);
        boolean reader = matchesAny(readerDigests, presented);
        if (!operator && !reader) {
            refuse(ctx, Refusal.INVALID, 401, "the management token is not valid");
            return;
        }
        boolean changes = !safe(ctx.request().method());
        if (changes && !operator) {
            refuse(ctx, Refusal.READ_ONLY, 403, "a read-only token may not change anything");
            return;
        }
        if (changes && credential.basic() && ctx.request().getHeader("X-Requested-With") == null) {
            refuse(ctx, Refusal.CROSS_SITE, 403, "a change authenticated by a browser must carry X-Requested-With");
            return;
        }
        ctx.next();
    }

    private static boolean safe(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD;
    }

    /** Compares with every configured token, so the time taken does not tell which one (or whether one) matched. */
    private static boolean matchesAny(List<byte[]> digests, byte[] presented) {
        boolean match = false;
        for (byte[] d : digests) {
            match |= MessageDigest.isEqual(d, presented);
        }
        return match;
    }

    private void refuse(RoutingContext ctx, Refusal why, int status, String message) {
        refused.increment();
        onRefusal.accept(why, ctx);
        String peer = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
        log.warn("management: refused {} {} from {}: {} ({} refused since start)", ctx.request().method(),
                ctx.normalizedPath(), peer, why.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), refused.sum());
        boolean page = ctx.normalizedPath().startsWith(OpsPage.PATH) || ctx.normalizedPath().equals("/");
        if (status == 401) {
            // A browser asks its user for Basic credentials; API clients are told to send a bearer token.
            ctx.response().putHeader("WWW-Authenticate", (page ? "Basic" : "Bearer") + " realm=\"" + REALM + "\"");
        }
        ManagementServer.json(ctx, status, new JsonObject().put("error", message));
    }

    static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The token a request presents, and whether it came as HTTP Basic. */
    private record Credential(String token, boolean basic) {
        static Credential parse(String header) {
            if (header == null) {
                return null;
            }
            int space = header.indexOf(' ');
            if (space < 0) {
                return null;
            }
            String scheme = header.substring(0, space);
            String value = header.substring(space + 1).trim();
            if (scheme.equalsIgnoreCase("Bearer") && !value.isEmpty()) {
                return new Credential(value, false);
            }
            if (scheme.equalsIgnoreCase("Basic")) {
                try {
                    String pair = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
                    int colon = pair.indexOf(':');
                    return colon < 0 || colon == pair.length() - 1 ? null : new Credential(pair.substring(colon + 1), true);
                } catch (IllegalArgumentException notBase64) {
                    return null;
                }
            }
            return null;
        }
    }
}
