package imps.app;

import imps.auth.Account;
import imps.auth.AccountChange;
import imps.auth.AccountPage;
import imps.auth.AccountProvisioning;
import imps.auth.UserAddress;
import imps.auth.UserDirectory;
import imps.protocol.CspException;
import imps.protocol.StatusCode;
import imps.router.CspRouter;
import imps.session.registry.UserSessionRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.function.Function;

/**
 * Account provisioning on the management port (docs/store.md, "Provisioning API"), JSON in and out:
 * {@code POST /admin/users}, {@code GET /admin/users/{id}}, {@code GET /admin/users?prefix=&limit=&cursor=},
 * {@code PATCH /admin/users/{id}} and {@code DELETE /admin/users/{id}}, which ends the user's live
 * sessions (Disconnect 601) and removes what the services keep for the user. Bad bodies get 400 with
 * the offending field named, a taken User-ID 409, an unknown user 404, a store that cannot be reached
 * 503. Passwords are never returned. With accounts from the read-only users file only lookups work.
 */
final class ProvisioningApi {
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final int MAX_FIELD_LENGTH = 255;
    private static final Set<String> CREATE_FIELDS = Set.of("userId", "password", "enabled", "displayName");
    private static final Set<String> CHANGE_FIELDS = Set.of("password", "enabled", "displayName");
    private final UserDirectory users;
    private final String homeDomain;
    private final ForcedLogout logout;
    private final Function<String, Future<Void>> forgetUser;

    /** {@code forgetUser}: removes what the services keep for a user. */
    ProvisioningApi(UserDirectory users, String homeDomain, UserSessionRegistry sessions, CspRouter cspRouter,
                    Function<String, Future<Void>> forgetUser) {
        this.users = users;
        this.homeDomain = homeDomain;
        this.logout = new ForcedLogout(sessions, cspRouter);
        this.forgetUser = forgetUser;
    }

    void mount(Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
        router.route("/admin/users*").handler(body).failureHandler(this::failed);
        router.post("/admin/users").handler(this::create);
        router.get("/admin/users").handler(this::list);
        router.get("/admin/users/:id").handler(this::get);
        router.patch("/admin/users/:id").handler(this::change);
        router.delete("/admin/users/:id").handler(this::delete);
    }

    /** A request refused for its input: answered 400 naming the field. */
    private static final class BadRequest extends RuntimeException {
        final String field;

        BadRequest(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    private void create(RoutingContext ctx) {
        AccountProvisioning provisioning = provisioning(ctx);
        if (provisioning == null) {
            return;
        }
        JsonObject in = body(ctx, CREATE_FIELDS);
        String userId = userId(in.getValue("userId"));
        String password = password(in.getValue("password"));
        Boolean enabled = bool(in, "enabled");
        String displayName = text(in, "displayName");
        Instant now = Instant.now();
        Account account = new Account(userId, password, enabled == null || enabled, displayName, now, now);
        provisioning.create(account).onComplete(ar -> {
            if (ar.failed()) {
                storeFailure(ctx, ar.cause());
            } else if (!ar.result()) {
                ManagementServer.json(ctx, 409, error("userId", "a user " + userId + " exists already"));
            } else {
                ctx.response().putHeader("Location", "/admin/users/" + userId);
                ManagementServer.json(ctx, 201, json(account));
            }
        });
    }

    private void get(RoutingContext ctx) {
        String userId = pathUser(ctx);
        users.find(userId).onComplete(ar -> answer(ctx, userId, ar));
    }

    private void list(RoutingContext ctx) {
        AccountProvisioning provisioning = provisioning(ctx);
        if (provisioning == null) {
            return;
        }
        String prefix = ctx.request().getParam("prefix", "");
        String cursor = ctx.request().getParam("cursor");
        int limit = limit(ctx.request().getParam("limit"));
        provisioning.list(prefix.toLowerCase(java.util.Locale.ROOT), limit, cursor).onComplete(ar -> {
            if (ar.failed()) {
                storeFailure(ctx, ar.cause());
                return;
            }
            AccountPage page = ar.result();
            JsonArray out = new JsonArray();
            page.accounts().forEach(a -> out.add(json(a)));
            ManagementServer.json(ctx, 200, new JsonObject().put("users", out).put("next", page.next()));
        });
    }

    private void change(RoutingContext ctx) {
        AccountProvisioning provisioning = provisioning(ctx);
        if (provisioning == null) {
            return;
        }
        String userId = pathUser(ctx);
        JsonObject in = body(ctx, CHANGE_FIELDS);
        if (in.isEmpty()) {
            throw new BadRequest(null, "nothing to change: give password, enabled or displayName");
        }
        AccountChange change = new AccountChange(in.containsKey("password") ? password(in.getValue("password")) : null,
                bool(in, "enabled"), text(in, "displayName"));
        provisioning.change(userId, change).onComplete(ar -> answer(ctx, userId, ar));
    }

    /**
     * Removes the account first (no new login gets in), then ends the user's live sessions, then
     * removes the user's data; sessions are looked for once more at the end, for a login that was
     * admitted while the account went. Without an account the answer is 404, but data left under
     * the User-ID is removed all the same: a DELETE that failed half-way (503) is finished by
     * repeating it.
     */
    private void delete(RoutingContext ctx) {
        AccountProvisioning provisioning = provisioning(ctx);
        if (provisioning == null) {
            return;
        }
        String userId = pathUser(ctx);
        provisioning.remove(userId).compose(removed -> removed == null ? forgetUser.apply(userId).map((Integer) null)
                : logout.endSessions(userId).compose(ended -> forgetUser.apply(userId)
                        .compose(v -> logout.endSessions(userId)).map(late -> ended + late)))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        storeFailure(ctx, ar.cause());
                    } else if (ar.result() == null) {
                        notFound(ctx, userId);
                    } else {
                        ManagementServer.json(ctx, 200, new JsonObject().put("userId", userId).put("deleted", true)
                                .put("sessionsEnded", ar.result()));
                    }
                });
    }

    private AccountProvisioning provisioning(RoutingContext ctx) {
        if (users instanceof AccountProvisioning p) {
            return p;
        }
        ManagementServer.json(ctx, 405, new JsonObject().put("error",
                "accounts come from the read-only users file (store.accounts: file, or store.enabled: false)"));
        return null;
    }

    private static JsonObject body(RoutingContext ctx, Set<String> allowed) {
        Object parsed;
        try {
            parsed = ctx.body().buffer() == null ? null : Json.decodeValue(ctx.body().buffer());
        } catch (DecodeException e) {
            throw new BadRequest(null, "the body is not JSON");
        }
        if (!(parsed instanceof JsonObject in)) {
            throw new BadRequest(null, "the body must be a JSON object");
        }
        for (String field : in.fieldNames()) {
            if (!allowed.contains(field)) {
                throw new BadRequest(field, "unknown field " + field + "; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        return in;
    }

    private String userId(Object raw) {
        if (raw == null) {
            throw new BadRequest("userId", "userId is required");
        }
        if (!(raw instanceof String s)) {
            throw new BadRequest("userId", "userId must be a string");
        }
        if (s.length() > MAX_FIELD_LENGTH || s.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new BadRequest("userId", "userId must be at most " + MAX_FIELD_LENGTH + " characters, without spaces or control characters");
        }
        String id = UserAddress.canonical(s, homeDomain);
        if (id == null) {
            throw new BadRequest("userId", "userId is empty");
        }
        if (id.contains("@")) {
            throw new BadRequest("userId", "userId must be in the home domain " + homeDomain);
        }
        return id;
    }

    /** The password the 4-way digest is computed over: one byte per character (PasswordDigest), so Latin-1 only. */
    private static String password(Object raw) {
        if (raw == null) {
            throw new BadRequest("password", "password is required");
        }
        if (!(raw instanceof String s)) {
            throw new BadRequest("password", "password must be a string");
        }
        if (s.isEmpty() || s.length() > MAX_FIELD_LENGTH || !StandardCharsets.ISO_8859_1.newEncoder().canEncode(s)
                || s.chars().anyMatch(Character::isISOControl)) {
            throw new BadRequest("password", "password must be 1 to " + MAX_FIELD_LENGTH
                    + " characters of ISO-8859-1, without control characters");
        }
        return s;
    }

    private static Boolean bool(JsonObject in, String field) {
        Object v = in.getValue(field);
        if (v != null && !(v instanceof Boolean)) {
            throw new BadRequest(field, field + " must be true or false");
        }
        if (v == null && in.containsKey(field)) {
            throw new BadRequest(field, field + " must be true or false");
        }
        return (Boolean) v;
    }

    private static String text(JsonObject in, String field) {
        Object v = in.getValue(field);
        if ((v == null && in.containsKey(field)) || (v != null && !(v instanceof String))) {
            throw new BadRequest(field, field + " must be a string");
        }
        String s = (String) v;
        if (s != null && (s.length() > MAX_FIELD_LENGTH || s.chars().anyMatch(Character::isISOControl))) {
            throw new BadRequest(field, field + " must be at most " + MAX_FIELD_LENGTH + " characters, without control characters");
        }
        return s;
    }

    private static int limit(String raw) {
        int limit = Paging.limit(raw);
        if (limit < 0) {
            throw new BadRequest("limit", Paging.LIMIT_ERROR);
        }
        return limit;
    }

    private String pathUser(RoutingContext ctx) {
        String id = UserAddress.canonical(ctx.pathParam("id"), homeDomain);
        if (id == null) {
            throw new BadRequest("userId", "no user in the path");
        }
        return id;
    }

    /** 200 with the account, 404 when there is none, 503 / 500 when the lookup failed. */
    private static void answer(RoutingContext ctx, String userId, io.vertx.core.AsyncResult<Account> ar) {
        if (ar.failed()) {
            storeFailure(ctx, ar.cause());
        } else if (ar.result() == null) {
            notFound(ctx, userId);
        } else {
            ManagementServer.json(ctx, 200, json(ar.result()));
        }
    }

    private static JsonObject json(Account a) {
        return new JsonObject().put("userId", a.userId()).put("displayName", a.displayName()).put("enabled", a.enabled())
                .put("created", a.created() == null ? null : a.created().toString())
                .put("changed", a.changed() == null ? null : a.changed().toString());
    }

    private static JsonObject error(String field, String message) {
        JsonObject e = new JsonObject().put("error", message);
        return field == null ? e : e.put("field", field);
    }

    private static void notFound(RoutingContext ctx, String userId) {
        ManagementServer.json(ctx, 404, error(null, "no user " + userId));
    }

    private static void storeFailure(RoutingContext ctx, Throwable err) {
        boolean unavailable = err instanceof CspException e && e.status() == StatusCode.SERVICE_UNAVAILABLE;
        ManagementServer.json(ctx, unavailable ? 503 : 500, error(null, unavailable
                ? "the subscriber store is unavailable; try again" : "provisioning failed: " + err.getMessage()));
    }

    /** Input errors thrown by the handlers, and bodies over the limit (413 from the body handler). */
    private void failed(RoutingContext ctx) {
        if (ctx.failure() instanceof BadRequest bad) {
            ManagementServer.json(ctx, 400, error(bad.field, bad.getMessage()));
        } else if (ctx.statusCode() == 413) {
            ManagementServer.json(ctx, 413, error(null, "the body is larger than " + MAX_BODY_BYTES + " bytes"));
        } else if (ctx.failure() != null) {
            storeFailure(ctx, ctx.failure());
        } else {
            ManagementServer.json(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : 500, error(null, "request failed"));
        }
    }
}
