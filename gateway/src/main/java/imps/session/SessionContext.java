package imps.session;

import imps.protocol.CspVersion;
import imps.protocol.Element;

import java.util.Set;

/**
 * Everything the server keeps for one session (seed 003 "Session context"): the login's version,
 * syntax, Client-ID and session cookie, the KeepAliveTime, the negotiated services and capabilities,
 * and the queue of undelivered server-initiated primitives. Only its owning {@link SessionActor}
 * touches it, on one event loop, so it needs no locks.
 */
public final class SessionContext {
    private final String sessionId;
    private final String userId;
    private final Element clientId;
    private final String clientKey;
    private final CspVersion version;
    private final String syntax;
    private final String sessionCookie;
    private final OutboundQueue queue = new OutboundQueue();

    private int keepAliveSeconds;
    private long lastActivityNanos;
    private boolean capabilityRequested;
    private ClientCapabilities capabilities;
    private boolean capabilitiesNegotiated;
    private Set<String> agreedFunctions;
    private SessionState state = SessionState.ACTIVE;
    private long endedAtNanos;

    public SessionContext(String sessionId, String userId, Element clientId, String clientKey, CspVersion version,
                          String syntax, String sessionCookie, int keepAliveSeconds, ClientCapabilities capabilities,
                          long nowNanos) {
        this.sessionId = sessionId;
        this.userId = userId;
        this.clientId = clientId;
        this.clientKey = clientKey;
        this.version = version;
        this.syntax = syntax;
        this.sessionCookie = sessionCookie;
        this.keepAliveSeconds = keepAliveSeconds;
        this.capabilities = capabilities;
        this.lastActivityNanos = nowNanos;
    }

    public String sessionId() {
        return sessionId;
    }

    /** Canonical User-ID (see {@link imps.auth.UserAddress}). */
    public String userId() {
        return userId;
    }

    public Element clientId() {
        return clientId;
    }

    public String clientKey() {
        return clientKey;
    }

    public CspVersion version() {
        return version;
    }

    /** "XML" (later WBXML, PTS): fixed at login for the session (seed 003). */
    public String syntax() {
        return syntax;
    }

    public String sessionCookie() {
        return sessionCookie;
    }

    public OutboundQueue queue() {
        return queue;
    }

    public int keepAliveSeconds() {
        return keepAliveSeconds;
    }

    public void keepAliveSeconds(int seconds) {
        this.keepAliveSeconds = seconds;
    }

    public long lastActivityNanos() {
        return lastActivityNanos;
    }

    public void touch(long nowNanos) {
        this.lastActivityNanos = nowNanos;
    }

    public boolean capabilityRequested() {
        return capabilityRequested;
    }

    public void capabilityRequested(boolean value) {
        this.capabilityRequested = value;
    }

    public ClientCapabilities capabilities() {
        return capabilities;
    }

    public boolean capabilitiesNegotiated() {
        return capabilitiesNegotiated;
    }

    public void capabilitiesNegotiated(ClientCapabilities agreed) {
        this.capabilities = agreed;
        this.capabilitiesNegotiated = true;
    }

    /** The function leaves granted in service negotiation; null until it has been done. */
    public Set<String> agreedFunctions() {
        return agreedFunctions;
    }

    public void agreedFunctions(Set<String> leaves) {
        this.agreedFunctions = Set.copyOf(leaves);
    }

    public boolean servicesNegotiated() {
        return agreedFunctions != null;
    }

    public SessionState state() {
        return state;
    }

    public boolean isActive() {
        return state == SessionState.ACTIVE;
    }

    public void end(long nowNanos) {
        this.state = SessionState.ENDED;
        this.endedAtNanos = nowNanos;
    }

    public long endedAtNanos() {
        return endedAtNanos;
    }
}
