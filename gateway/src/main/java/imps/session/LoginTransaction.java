package imps.session;

import imps.protocol.SecureIds;
import imps.session.cir.CirOffer;
import imps.auth.Account;
import imps.auth.PasswordDigest;
import imps.auth.UserAddress;
import imps.auth.UserDirectory;
import imps.config.GatewayConfig;
import imps.protocol.CspException;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.MalformedPrimitive;
import imps.protocol.Result;
import imps.protocol.StatusCode;
import imps.protocol.primitive.LoginRequest;
import imps.bus.Bearer;
import imps.bus.InboundMessage;
import imps.bus.SessionOp;
import imps.session.registry.AdmissionPolicy;
import imps.session.registry.SessionRegistries;
import imps.session.registry.SessionRegistries.Challenge;
import imps.telemetry.Telemetry;
import imps.throttle.LoginThrottle;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The Login transaction (OMA-TS-IMPS_CSP-V1_3 §7.1): 2-way with Password, 4-way with a
 * DigestSchema challenge and DigestBytes, the 1.3 system-message gate (436 / 607), unique Client-IDs
 * and session limits (608 / 609 / 610), and the 1.3 piggy-backed negotiation. A successful login
 * creates the session on the node that ran it, which becomes its owner. Every attempt passes the
 * {@link LoginThrottle} first and reports its failed password checks to it.
 */
public final class LoginTransaction {
    private final GatewayConfig config;
    private final UserDirectory users;
    private final SessionRegistries registries;
    private final KeepAlivePolicy keepAlive;
    private final ServiceNegotiation services;
    private final CapabilityNegotiation capabilities;
    private final Set<CspVersion> versions;
    private final SessionOwnerClient owners;
    private final RetentionPolicy retention;
    private final SessionEvents events;
    private final LongSupplier clock;
    private final Telemetry telemetry;
    private final LoginThrottle throttle;

    /** Creates the owner-side actor for a new session. */
    public interface SessionOwner {
        Future<Void> adopt(SessionContext session);
    }


    public LoginTransaction(GatewayConfig config, UserDirectory users, SessionRegistries registries,
                            KeepAlivePolicy keepAlive, ServiceNegotiation services,
                            CapabilityNegotiation capabilities, SessionOwnerClient owners, RetentionPolicy retention,
                            SessionEvents events, LongSupplier clock, Telemetry telemetry, LoginThrottle throttle) {
        this.telemetry = telemetry;
        this.events = events;
        this.throttle = throttle;
        this.owners = owners;
        this.retention = retention;
        this.config = config;
        this.users = users;
        this.registries = registries;
        this.keepAlive = keepAlive;
        this.services = services;
        this.capabilities = capabilities;
        this.clock = clock;
        this.versions = config.csp().versions().stream().map(CspVersion::fromLabel)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** What one login attempt produced: the response primitive and the Session-ID to echo in the envelope. */
    public record Outcome(Element response, String envelopeSessionId) {
    }

    public Future<Outcome> process(InboundMessage in, SessionOwner owner, CirOffer cirOffer) {
        CspMessage msg = in.message();
        Element primitive = msg.first().primitive();
        Element clientId = primitive.child("ClientID");
        Future<Element> result;
        Telemetry.LoginKind kind = Telemetry.LoginKind.TWO_WAY;
        String userId = null;
        try {
            LoginRequest req = LoginRequest.of(primitive);
            String recoveringId = msg.sessionId() != null ? msg.sessionId() : req.sessionId();
            kind = recoveringId != null ? Telemetry.LoginKind.RECOVERY
                    : req.password() == null ? Telemetry.LoginKind.FOUR_WAY : Telemetry.LoginKind.TWO_WAY;
            userId = UserAddress.canonical(req.userId(), config.csp().domain());
            result = attempt(msg.version(), req, recoveringId, owner, cirOffer, in.bearer());
        } catch (CspException e) {
            result = Future.failedFuture(e);
        }
        Telemetry.LoginKind loginKind = kind;
        String user = userId;
        return result.recover(err -> {
            if (err instanceof CspException e) {
                return Future.succeededFuture(failure(clientId, e));
            }
            return Future.failedFuture(err);
        }).map(response -> {
            telemetry.login(loginKind, resultCode(response), user);
            return new Outcome(response, msg.sessionId());
        });
    }

    private static int resultCode(Element response) {
        Element result = response.child("Result");
        String code = result == null ? null : result.childText("Code");
        try {
            return code == null ? StatusCode.INTERNAL_ERROR.code() : Integer.parseInt(code.trim());
        } catch (NumberFormatException e) {
            return StatusCode.INTERNAL_ERROR.code();
        }
    }

    /** Login-Response with the Result, or Status when the request was not understood (OMA-TS-IMPS_CSP-V1_3 §6.1). */
    private static Element failure(Element clientId, CspException e) {
        if (e instanceof MalformedPrimitive || clientId == null) {
            return Element.of("Status", e.result().toElement());
        }
        return Element.builder("Login-Response").add(clientId).add(e.result().toElement()).build();
    }

    private Future<Element> attempt(CspVersion version, LoginRequest req, String recoveringId,
                                    SessionOwner owner, CirOffer cirOffer, Bearer bearer) {
        if (!versions.contains(version)) {
            throw new CspException(StatusCode.VERSION_NOT_SUPPORTED,
                    "CSP " + version.label() + " is not enabled on this server");
        }
        String userId = UserAddress.canonical(req.userId(), config.csp().domain());
        if (userId == null) {
            throw new MalformedPrimitive("Login-Request with an empty UserID");
        }
        if (!req.hasCredentials()) {
            throw new MalformedPrimitive("Login-Request carries neither Password, DigestSchema nor DigestBytes");
        }
        String source = bearer == null ? null : bearer.remoteAddress();
        return throttle.admit(source, userId)
                .compose(v -> users.find(userId))
                .compose(account -> Future.<Void>succeededFuture()
                        .compose(v -> authenticate(version, req, recoveringId, userId, account, owner, cirOffer, bearer))
                        .recover(err -> reportFailure(err, source, userId, account != null)));
    }

    /** Tells the throttle of a failed credential check (409, 531); other outcomes pass through untouched. */
    private Future<Element> reportFailure(Throwable err, String source, String userId, boolean knownUser) {
        if (err instanceof CspException e && (e.status() == StatusCode.INVALID_PASSWORD || e.status() == StatusCode.UNKNOWN_USER)) {
            return throttle.failed(source, userId, knownUser).transform(ar -> Future.failedFuture(err));
        }
        return Future.failedFuture(err);
    }

    private Future<Element> authenticate(CspVersion version, LoginRequest req, String recoveringId, String userId,
                                         Account account, SessionOwner owner, CirOffer cirOffer, Bearer bearer) {
        if (account == null) {
            throw new CspException(StatusCode.UNKNOWN_USER);
        }
        if (!account.enabled()) {
            throw new CspException(StatusCode.FORBIDDEN, "This user may not use the service");
        }
        String clientKey = req.clientId().toString();
        String challengeKey = userId + '\n' + clientKey + '\n' + req.sessionCookie();
        if (req.isChallengeRequest()) {
            String source = bearer == null ? null : bearer.remoteAddress();
            if (recoveringId != null) {
                // A session that cannot be recovered is refused on the first Login-Request
                // (OMA-TS-IMPS_CSP-V1_3 §6.4.4).
                return recoverable(req, recoveringId).compose(v -> challenge(req.clientId(), req.digestSchemas(),
                        challengeKey, source));
            }
            return challenge(req.clientId(), req.digestSchemas(), challengeKey, source);
        }
        Future<Void> authenticated;
        if (req.digestBytes() != null) {
            authenticated = registries.challenges().take(challengeKey).compose(ch -> {
                if (ch == null) {
                    return Future.failedFuture(new CspException(StatusCode.INVALID_PASSWORD,
                            "No valid challenge for this login; start again"));
                }
                if (!PasswordDigest.matches(ch.schema(), ch.nonce(), account.password(), req.digestBytes())) {
                    return Future.failedFuture(new CspException(StatusCode.INVALID_PASSWORD));
                }
                return Future.succeededFuture();
            });
        } else if (!req.password().equals(account.password())) {
            authenticated = Future.failedFuture(new CspException(StatusCode.INVALID_PASSWORD));
        } else {
            authenticated = Future.succeededFuture();
        }
        if (recoveringId != null) {
            return authenticated.compose(v -> recover(version, req, recoveringId, userId, clientKey, bearer));
        }
        return authenticated
                .compose(v -> systemMessageGate(version, req, userId, clientKey))
                .compose(v -> admit(version, req, clientKey, userId, owner, cirOffer, bearer));
    }

    /**
     * A login that carries a Session-ID asks to recover that session (OMA-TS-IMPS_CSP-V1_3 §7.1.1). The owner of
     * the session decides (422, 606); a session nobody holds any more, recovery switched off, or a
     * recovery that also tries to negotiate (OMA-TS-IMPS_CSP-V1_3 §7.1 forbids it) get 502, after which the client
     * logs in afresh.
     */
    private Future<Element> recover(CspVersion version, LoginRequest req, String sessionId, String userId,
                                    String clientKey, Bearer bearer) {
        Future<Void> refusal = refusal(req);
        if (refusal != null) {
            return refusal.mapEmpty();
        }
        return owners.send(new SessionOp.Recover(sessionId, userId, req.clientId(), clientKey, req.sessionCookie(),
                        version, bearer.syntax().name(), req.timeToLive()))
                .recover(err -> Future.failedFuture(err instanceof CspException e
                        && e.status() == StatusCode.INVALID_SESSION
                        ? new CspException(StatusCode.COULD_NOT_RECOVER_SESSION, "The session is not known or no longer kept")
                        : err))
                .map(outcome -> Element.builder("Login-Response")
                        .add(req.clientId())
                        .add(Result.of(StatusCode.OK, "Session recovered").toElement())
                        .leaf("SessionID", sessionId)
                        .leaf("KeepAliveTime", outcome.keepAliveSeconds())
                        .flag("CapabilityRequest", outcome.capabilityRequest())
                        .build());
    }

    private Future<Element> challenge(Element clientId, List<String> offered, String key, String source) {
        String chosen = null;
        for (String preferred : config.login().digestSchemas()) {
            for (String s : offered) {
                // 1.1 clients may offer one comma-separated value ("PWD,SHA,MD4,MD5")
                for (String part : s.split(",")) {
                    if (preferred.equals(PasswordDigest.normalizeSchema(part))) {
                        chosen = preferred;
                        break;
                    }
                }
                if (chosen != null) {
                    break;
                }
            }
            if (chosen != null) {
                break;
            }
        }
        if (chosen == null) {
            return Future.failedFuture(new CspException(StatusCode.NO_MATCHING_DIGEST_SCHEME));
        }
        String nonce = SecureIds.next();
        String schema = chosen;
        return throttle.challengeIssued(source)
                .compose(v -> registries.challenges()
                        .put(key, new Challenge(nonce, schema), Duration.ofSeconds(config.login().nonceTtlSeconds())))
                .map(v -> Element.builder("Login-Response")
                        .add(clientId)
                        .add(Result.of(StatusCode.UNAUTHORIZED, "Please complete the authentication challenge").toElement())
                        .leaf("Nonce", nonce)
                        .leaf("DigestSchema", schema)
                        .build());
    }

    /** Refusals that need no look at the session: recovery switched off, or negotiation piggy-backed on it. */
    private Future<Void> refusal(LoginRequest req) {
        if (!retention.enabled()) {
            return Future.failedFuture(new CspException(StatusCode.COULD_NOT_RECOVER_SESSION,
                    "Session recovery is switched off on this server"));
        }
        if (req.capabilityList() != null || req.functions() != null) {
            return Future.failedFuture(new CspException(StatusCode.COULD_NOT_RECOVER_SESSION,
                    "Negotiation must not be piggy-backed on a recovery login"));
        }
        return null;
    }

    /** Round 1 of a 4-way recovery: 502 at once when no node holds the session any more. */
    private Future<Void> recoverable(LoginRequest req, String sessionId) {
        Future<Void> refusal = refusal(req);
        if (refusal != null) {
            return refusal;
        }
        return registries.directory().ownerOf(sessionId).compose(owner -> owner == null
                ? Future.failedFuture(new CspException(StatusCode.COULD_NOT_RECOVER_SESSION,
                        "The session is not known or no longer kept"))
                : Future.succeededFuture());
    }

    /**
     * CSP 1.3 login-time system message (OMA-TS-IMPS_CSP-V1_3 §7.1): until a conformant System-Message-Response-List
     * arrives the login gets 436 with the message; after too many wrong answers, 607 for a while.
     */
    private Future<Void> systemMessageGate(CspVersion version, LoginRequest req, String userId, String clientKey) {
        GatewayConfig.SystemMessage sm = config.login().systemMessage();
        if (sm == null || !sm.enabled() || version != CspVersion.V1_3) {
            return Future.succeededFuture();
        }
        String key = userId + '\n' + clientKey;
        return registries.systemMessageAttempts().get(key).compose(failures -> {
            int count = failures == null ? 0 : failures;
            if (count >= sm.maxNonConformantReplies()) {
                return Future.failedFuture(new CspException(StatusCode.TOO_MANY_SYSTEM_MESSAGE_REPLIES));
            }
            Element responses = req.systemMessageResponses();
            if (responses == null) {
                return Future.failedFuture(new CspException(systemMessageResult(sm)));
            }
            if (conformant(sm, responses)) {
                return Future.succeededFuture();
            }
            int now = count + 1;
            Duration lock = Duration.ofSeconds(sm.lockoutSeconds());
            return registries.systemMessageAttempts().put(key, now, lock).compose(v -> Future.failedFuture(
                    now >= sm.maxNonConformantReplies()
                            ? new CspException(StatusCode.TOO_MANY_SYSTEM_MESSAGE_REPLIES)
                            : new CspException(systemMessageResult(sm))));
        });
    }

    private static boolean conformant(GatewayConfig.SystemMessage sm, Element responses) {
        for (Element r : responses.children("SystemMessageResponse")) {
            if (sm.id().equals(r.childText("SystemMessageID"))
                    && sm.acceptedOptions().contains(r.childText("ChosenOptionID"))) {
                return true;
            }
        }
        return false;
    }

    /** Result 436 carrying the SystemMessageList (element layout per the 1.3 token names, docs/conformance.md). */
    private static Result systemMessageResult(GatewayConfig.SystemMessage sm) {
        Element.Builder options = Element.builder("AnswerOptions");
        for (GatewayConfig.AnswerOption o : sm.options()) {
            options.add(Element.builder("AnswerOption").leaf("AnswerOptionID", o.id()).leaf("AnswerOptionText", o.text()).build());
        }
        Element message = Element.builder("SystemMessage")
                .leaf("SystemMessageID", sm.id())
                .leaf("SystemMessageText", sm.text())
                .leaf("RequiresResponse", "T")
                .add(options.build())
                .build();
        Element list = Element.of("SystemMessageList", message);
        return Result.of(StatusCode.SYSTEM_MESSAGE_RESPONSE_REQUIRED).withSystemMessages(list);
    }

    private Future<Element> admit(CspVersion version, LoginRequest req, String clientKey, String userId,
                                  SessionOwner owner, CirOffer cirOffer, Bearer bearer) {
        String sessionId = SecureIds.next();
        GatewayConfig.Session s = config.session();
        Element clientId = req.clientId();
        return registries.users().admit(userId, clientKey, sessionId,
                        new AdmissionPolicy(s.maxSessionsPerUser(), s.maxSessions()))
                .compose(v -> {
                    int kat = keepAlive.forLogin(req.timeToLive());
                    SessionContext session = new SessionContext(sessionId, userId, clientId, version,
                            bearer.syntax().name(),
                            req.sessionCookie(), kat, ClientCapabilities.defaults(s.serverPollMinSeconds()), clock.getAsLong());
                    session.bearer(bearer.transport());
                    List<Element> inline = version == CspVersion.V1_3 ? negotiateInline(req, session, cirOffer, bearer) : List.of();
                    boolean askCapabilities = s.capabilityNegotiationRequired() && !session.capabilitiesNegotiated();
                    session.capabilityRequested(askCapabilities);
                    return owner.adopt(session)
                            .recover(err -> registries.users().release(userId, sessionId)
                                    .compose(x -> Future.failedFuture(err)))
                            .compose(x -> session.servicesNegotiated() ? events.servicesAgreed(session) : Future.succeededFuture())
                            .map(x -> Element.builder("Login-Response")
                                    .add(clientId)
                                    .add(Result.of(StatusCode.OK, "Successfully logged in").toElement())
                                    .leaf("SessionID", sessionId)
                                    .leaf("KeepAliveTime", kat)
                                    .flag("CapabilityRequest", askCapabilities)
                                    .addAll(inline)
                                    .build());
                });
    }

    /**
     * CSP 1.3 piggy-backed negotiation (OMA-TS-IMPS_CSP-V1_3 §7.1): the results follow CapabilityRequest in the
     * Login-Response, in the elements the separate negotiations use (layout chosen in docs/conformance.md).
     */
    private List<Element> negotiateInline(LoginRequest req, SessionContext session, CirOffer cirOffer, Bearer bearer) {
        List<Element> inline = new ArrayList<>(3);
        if (req.capabilityList() != null) {
            ClientCapabilities agreed = capabilities.negotiate(session, req.capabilityList(), cirOffer, bearer);
            inline.add(capabilities.response(CspVersion.V1_3, agreed, req.clientId()).child("AgreedCapabilityList"));
        }
        if (req.functions() != null) {
            ServiceNegotiation.Outcome o = services.negotiate(CspVersion.V1_3, req.functions(), req.allFunctionsRequest());
            session.agreedFunctions(o.agreed());
            if (o.deniedFunctions() != null) {
                inline.add(o.deniedFunctions());
            }
            if (o.allFunctions() != null) {
                inline.add(o.allFunctions());
            }
        }
        return inline;
    }
}
