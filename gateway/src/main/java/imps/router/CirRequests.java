package imps.router;

import imps.bus.SessionOp;
import imps.session.SessionOwnerClient;
import imps.session.cir.CirBinding;
import io.vertx.core.Future;

/**
 * What the bearers of the CIR channels ask of a session's owner, wherever it is
 * (OMA-TS-IMPS_CSP_Transport, CIR; docs/conformance.md, "Server transactions"): a standalone TCP
 * connection or an SMS registration says {@code HELO} for a session, a TCP connection closes, a
 * standalone HTTP CIR client asks whether anything waits.
 */
public final class CirRequests {
    private final SessionOwnerClient owners;
    private final String nodeId;

    /** {@code nodeId}: this node, which holds the TCP connections its bearer accepts. */
    public CirRequests(SessionOwnerClient owners, String nodeId) {
        this.owners = owners;
        this.nodeId = nodeId;
    }

    /**
     * A standalone TCP CIR connection of this node said {@code HELO <Session-ID>}. Succeeds with the
     * WVCI line to send right after OK when something is already waiting (or null); fails when the
     * session is not live.
     */
    public Future<String> tcpHelo(String sessionId, String channelId) {
        return bind(sessionId, CirBinding.tcp(nodeId, channelId));
    }

    /** That connection closed; the owner remembers the loss to tell the client (CIR flag F). */
    public Future<Void> tcpClosed(String sessionId, String channelId) {
        CirBinding b = CirBinding.tcp(nodeId, channelId);
        return owners.send(new SessionOp.UnbindCir(sessionId, b.method(), b.nodeId(), b.channelId()));
    }

    /**
     * A phone registered for SMS CIR with {@code HELO <Session-ID>}: CIRs of the session go to that
     * number. Succeeds with the WVCI line when something is already waiting.
     */
    public Future<String> smsHelo(String sessionId, String phoneNumber) {
        return bind(sessionId, CirBinding.sms(phoneNumber));
    }

    /**
     * A standalone HTTP CIR request: the WVCI line when something waits for the session, null when
     * nothing does; fails with 604 for an unknown session.
     */
    public Future<String> httpQuery(String sessionId) {
        return owners.send(new SessionOp.QueryCir(sessionId));
    }

    private Future<String> bind(String sessionId, CirBinding b) {
        return owners.send(new SessionOp.BindCir(sessionId, b.method(), b.nodeId(), b.channelId()));
    }
}
