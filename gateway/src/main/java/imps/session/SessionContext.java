package imps.session;

import imps.protocol.CspVersion;
import imps.protocol.Element;

import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * Everything the server keeps for one session (seed 003 "Session context"): negotiated services and
 * client capabilities, presence subscriptions, general-notification subscriptions and joined groups,
 * plus the login's version, syntax, Client-ID and session cookie, the KeepAliveTime, the queue of
 * undelivered server-initiated primitives and the session's standalone TCP CIR connection. Only its
 * owning {@link SessionActor} touches it, on one event loop, so it needs no locks. The three
 * subscription sets are allocated on first use: an idle session that never subscribed pays nothing.
 */
public final class SessionContext {
    private final String sessionId;
    private final String userId;
    private Element clientId;
    private String clientKey;
    private final CspVersion version;
    private String syntax;
    private String sessionCookie;
    private final OutboundQueue queue = new OutboundQueue();

    private int keepAliveSeconds;
    private long lastActivityNanos;
    private boolean capabilityRequested;
    private ClientCapabilities capabilities;
    private boolean capabilitiesNegotiated;
    private Set<String> agreedFunctions;
    private SessionState state = SessionState.ACTIVE;
    private long endedAtNanos;
    private Set<String> presenceSubscriptions;
    private Set<String> notificationSubscriptions;
    private Set<String> joinedGroups;
    private CirBinding cirBinding;
    private boolean cirLostNotice;

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

    /**
     * A recovery login (seed 002 §7.1.1) brings the session back as it was: same context, queue and
     * subscriptions; only the Client-ID, cookie and bearer syntax the client now uses are taken over.
     */
    public void recover(Element newClientId, String newClientKey, String newCookie, String newSyntax, long nowNanos) {
        this.clientId = newClientId;
        this.clientKey = newClientKey;
        this.sessionCookie = newCookie;
        this.syntax = newSyntax;
        this.state = SessionState.ACTIVE;
        this.endedAtNanos = 0;
        this.lastActivityNanos = nowNanos;
        queue.removeDisconnects();
    }

    public Set<String> presenceSubscriptions() {
        return view(presenceSubscriptions);
    }

    public Set<String> notificationSubscriptions() {
        return view(notificationSubscriptions);
    }

    public Set<String> joinedGroups() {
        return view(joinedGroups);
    }

    public void presenceSubscriptions(Set<String> ids) {
        this.presenceSubscriptions = copy(ids);
    }

    public void notificationSubscriptions(Set<String> types) {
        this.notificationSubscriptions = copy(types);
    }

    public void joinedGroups(Set<String> groupIds) {
        this.joinedGroups = copy(groupIds);
    }

    private static Set<String> view(Set<String> set) {
        return set == null ? Set.of() : Collections.unmodifiableSet(set);
    }

    private static Set<String> copy(Set<String> set) {
        return set == null || set.isEmpty() ? null : new HashSet<>(set);
    }

    /** The live standalone TCP CIR connection, or null. */
    public CirBinding cirBinding() {
        return cirBinding;
    }

    public void cirBinding(CirBinding binding) {
        this.cirBinding = binding;
        if (binding != null) {
            cirLostNotice = false;
        }
    }

    /**
     * The TCP CIR connection is gone: the next HTTP reply tells the client with the CIR flag F
     * (seed 001 §6, transports §2.3).
     */
    public void cirLost() {
        this.cirBinding = null;
        this.cirLostNotice = true;
    }

    /** True once after a loss: the reply that carries the notice consumes it. */
    public boolean takeCirLostNotice() {
        boolean notice = cirLostNotice && capabilities.cirMethods().contains("STCP");
        cirLostNotice = false;
        return notice;
    }
}
