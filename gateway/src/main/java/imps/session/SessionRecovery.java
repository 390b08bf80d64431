package imps.session;

import imps.bus.SessionOp;
import imps.session.cir.CirTrigger;
import imps.session.cir.CirBinding;
import imps.config.GatewayConfig;
import imps.protocol.CspException;
import imps.protocol.StatusCode;
import imps.session.registry.AdmissionPolicy;
import imps.session.registry.UserSessionRegistry;
import io.vertx.core.Future;


/**
 * Session recovery on the owner (OMA-TS-IMPS_CSP_Transport §6, OMA-TS-IMPS_CSP-V1_3 §7.1.1 and §6.4.4;
 * docs/conformance.md, "Decisions where the CRs disagree"). The login's credentials were checked by
 * then; here the context decides: another user's session is 422, a session whose negotiated services
 * are no longer all offered is 606, a session established with another CSP version cannot continue
 * (502). A recovered session keeps its context and queue; a new Client-ID is allowed and forces
 * capability negotiation; a live session simply gets the new bearer.
 */
public final class SessionRecovery {
    private final UserSessionRegistry users;
    private final KeepAlivePolicy keepAlive;
    private final ImplementedLeaves implementedLeaves;
    private final GatewayConfig.Session config;
    private final CirTrigger cir;
    private final SessionEvents events;

    public SessionRecovery(UserSessionRegistry users, KeepAlivePolicy keepAlive, ImplementedLeaves implementedLeaves,
                           GatewayConfig.Session config, CirTrigger cir, SessionEvents events) {
        this.events = events;
        this.users = users;
        this.keepAlive = keepAlive;
        this.implementedLeaves = implementedLeaves;
        this.config = config;
        this.cir = cir;
    }

    public Future<SessionOp.Recovered> recover(SessionContext s, SessionOp.Recover a, long nowNanos) {
        if (!s.userId().equals(a.userId())) {
            return Future.failedFuture(new CspException(StatusCode.ID_MISMATCH,
                    "This Session-ID does not belong to this user"));
        }
        if (s.version() != a.version()) {
            return Future.failedFuture(new CspException(StatusCode.COULD_NOT_RECOVER_SESSION,
                    "The session was established with CSP " + s.version().label()));
        }
        if (s.servicesNegotiated() && !implementedLeaves.in(s.version()).containsAll(s.agreedFunctions())) {
            return Future.failedFuture(new CspException(StatusCode.SOME_SERVICES_NOT_AVAILABLE));
        }
        boolean clientChanged = !s.clientKey().equals(a.clientKey());
        Future<Void> admitted;
        if (s.isActive() && !clientChanged) {
            admitted = Future.succeededFuture();
        } else {
            // The user's live-session entry must name the Client-ID now in use (608 if another session has it).
            Future<Void> released = s.isActive() ? users.release(s.userId(), s.sessionId()) : Future.succeededFuture();
            admitted = released.compose(v -> users.admit(s.userId(), a.clientKey(), s.sessionId(),
                    new AdmissionPolicy(config.maxSessionsPerUser(), config.maxSessions())));
            if (s.isActive()) {
                admitted = admitted.recover(err -> users.admit(s.userId(), s.clientKey(), s.sessionId(),
                        AdmissionPolicy.UNLIMITED).compose(v -> Future.failedFuture(err)));
            }
        }
        return admitted.compose(v -> {
            CirBinding old = s.cirBinding();
            if (old != null) {
                // The recovered session's bearer replaces the old one; the client says HELO again.
                cir.close(old);
                s.cirBinding(null);
            }
            s.recover(a.clientId(), a.cookie(), a.syntax(), nowNanos);
            if (a.timeToLive() != null) {
                s.keepAliveSeconds(keepAlive.forLogin(a.timeToLive()));
            }
            boolean capabilityRequest = clientChanged
                    || (config.capabilityNegotiationRequired() && !s.capabilitiesNegotiated());
            s.capabilityRequested(capabilityRequest);
            SessionOp.Recovered outcome = new SessionOp.Recovered(s.keepAliveSeconds(), capabilityRequest);
            return events.recovered(s).map(x -> outcome);
        });
    }
}
