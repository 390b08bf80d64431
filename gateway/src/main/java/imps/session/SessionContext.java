package imps.session;

import imps.session.cir.CirMethod;
import imps.session.cir.CirBinding;
import imps.bus.Bearer;
import imps.protocol.CspVersion;
import imps.protocol.Element;

import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * Everything the server keeps for one session (OMA-TS-IMPS_CSP-V1_3 §5.3, "Session context"): negotiated services and
 * client capabilities, presence subscriptions, general-notification subscriptions and joined groups,
 * plus the login's version, syntax, Client-ID and session cookie, the KeepAliveTime, the queue of
 * undelivered server-initiated primitives and the session's standalone TCP CIR connection. Only its
 * owning {@link SessionActor} touches it, on one event loop, so it needs no locks. The three
 * subscription sets and the queue are allocated on first use: an idle session that never subscribed
 * and was never sent anything pays nothing for them.
 */
public final class SessionContext {
    private final String sessionId;
    private final String userId;
    private Element clientId;
    private final CspVersion version;
    private String syntax;
    private String sessionCookie;
    private OutboundQueue queue;

    private int keepAliveSeconds;
    /**
     * While the session is active, its last activity; once it ended, when it ended. One field for both,
     * since nothing counts an ended session's activity: one long less in every session held.
     */
    private long activityOrEndNanos;
    private boolean capabilityRequested;
    private ClientCapabilities capabilities;
    private boolean capabilitiesNegotiated;
    private Set<String> agreedFunctions;
    private SessionState state = SessionState.ACTIVE;
    private HashSet<String> presenceSubscriptions;
    private HashSet<String> notificationSubscriptions;
    private HashSet<String> joinedGroups;
    private CirBinding cirBinding;
    private boolean cirLostNotice;
    private String bearer;
    private final long heldSinceMillis = System.currentTimeMillis();
    private long changes;

    public SessionContext(String sessionId, String userId, Element clientId, CspVersion version,
                          String syntax, String sessionCookie, int keepAliveSeconds, ClientCapabilities capabilities,
                          long nowNanos) {
        this.sessionId = sessionId;
        this.userId = userId;
        this.clientId = clientId;
        this.version = version;
        this.syntax = syntax;
        this.sessionCookie = sessionCookie;
        this.keepAliveSeconds = keepAliveSeconds;
        this.capabilities = capabilities;
        this.activityOrEndNanos = nowNanos;
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

    /**
     * The Client-ID as one comparable text, for the rule that a Client-ID is unique among a user's
     * live sessions (608). Made when asked (at login, recovery and reconciliation), not kept: it would
     * repeat the Client-ID in every idle session's memory.
     */
    public String clientKey() {
        return clientId.toString();
    }

    public CspVersion version() {
        return version;
    }

    /**
     * The name of the {@link imps.codec.CspSyntax} the session logged in (or last recovered) with
     * (OMA-TS-IMPS_CSP-V1_3 §"Session context": version and syntax are fixed for the session).
     */
    public String syntax() {
        return syntax;
    }

    public String sessionCookie() {
        return sessionCookie;
    }

    /**
     * The bearer ("http", "sms") of the session's last request, for the operator's view only: not
     * replicated, so null on a node that took the session over until its next request.
     */
    public String bearer() {
        return bearer;
    }

    public void bearer(String transport) {
        this.bearer = transport;
    }

    /** When this node began to hold the session (its login, or the takeover or hand-over that brought it here). */
    public long heldSinceMillis() {
        return heldSinceMillis;
    }

    /**
     * The queue to read. A session that was never sent anything reads {@link OutboundQueue#EMPTY}, shared
     * and not to be changed: changes go through {@link #queueToChange()}.
     */
    public OutboundQueue queue() {
        return queue != null ? queue : OutboundQueue.EMPTY;
    }

    /** The queue to add to, made on first use. */
    public OutboundQueue queueToChange() {
        if (queue == null) {
            queue = new OutboundQueue();
        }
        return queue;
    }

    public int keepAliveSeconds() {
        return keepAliveSeconds;
    }

    public void keepAliveSeconds(int seconds) {
        changes++;
        this.keepAliveSeconds = seconds;
    }

    /** The last activity while active; when it ended once it ended. */
    public long lastActivityNanos() {
        return activityOrEndNanos;
    }

    /** Activity of an active session; an ended one keeps the time it ended. */
    public void touch(long nowNanos) {
        if (state == SessionState.ACTIVE) {
            this.activityOrEndNanos = nowNanos;
        }
    }

    public void capabilityRequested(boolean value) {
        changes++;
        this.capabilityRequested = value;
    }

    public ClientCapabilities capabilities() {
        return capabilities;
    }

    public boolean capabilitiesNegotiated() {
        return capabilitiesNegotiated;
    }

    public void capabilitiesNegotiated(ClientCapabilities agreed) {
        changes++;
        this.capabilities = agreed;
        this.capabilitiesNegotiated = true;
    }

    /** The function leaves granted in service negotiation; null until it has been done. */
    public Set<String> agreedFunctions() {
        return agreedFunctions;
    }

    public void agreedFunctions(Set<String> leaves) {
        changes++;
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
        changes++;
        this.state = SessionState.ENDED;
        this.activityOrEndNanos = nowNanos;
        // An ending session does not report a lost CIR connection: a client that closed its CIR socket
        // before logging out would otherwise open a new one for a session that is gone.
        this.cirLostNotice = false;
    }

    /** When the session ended; 0 while it is active. */
    public long endedAtNanos() {
        return state == SessionState.ENDED ? activityOrEndNanos : 0;
    }

    /**
     * A recovery login (OMA-TS-IMPS_CSP-V1_3 §7.1.1) brings the session back as it was: same context, queue and
     * subscriptions; only the Client-ID, cookie and bearer syntax the client now uses are taken over.
     */
    public void recover(Element newClientId, String newCookie, String newSyntax, long nowNanos) {
        changes++;
        this.clientId = newClientId;
        this.sessionCookie = newCookie;
        this.syntax = newSyntax;
        this.state = SessionState.ACTIVE;
        this.activityOrEndNanos = nowNanos;
        if (queue != null) {
            queue.recovered(nowNanos);
        }
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
        changes++;
        this.presenceSubscriptions = copy(ids);
    }

    public void notificationSubscriptions(Set<String> types) {
        changes++;
        this.notificationSubscriptions = copy(types);
    }

    public void joinedGroups(Set<String> groupIds) {
        changes++;
        this.joinedGroups = copy(groupIds);
    }

    private static Set<String> view(Set<String> set) {
        return set == null ? Set.of() : Collections.unmodifiableSet(set);
    }

    private static HashSet<String> copy(Set<String> set) {
        return set == null || set.isEmpty() ? null : new HashSet<>(set);
    }

    /** The live standalone TCP CIR connection, or null. */
    public CirBinding cirBinding() {
        return cirBinding;
    }

    public void cirBinding(CirBinding binding) {
        changes++;
        this.cirBinding = binding;
        if (binding != null) {
            cirLostNotice = false;
        }
    }

    /**
     * A request came over {@code bearer}: a client woken by UDP datagrams is woken where it is now,
     * since the datagrams go to the address its requests come from (OMA-TS-IMPS_CSP_Transport,
     * standalone UDP binding; docs/conformance.md).
     */
    public void seenAt(Bearer bearer) {
        if (cirBinding != null && cirBinding.is(CirMethod.SUDP) && Bearer.HTTP.equals(bearer.transport())
                && bearer.remoteAddress() != null) {
            CirBinding moved = cirBinding.movedTo(bearer.remoteAddress());
            if (moved != cirBinding) {
                cirBinding(moved);
            }
        }
    }

    /**
     * The TCP CIR connection is gone: the next HTTP reply tells the client with the CIR flag F
     * (OMA-TS-IMPS_CSP_Transport §6).
     */
    public void cirLost() {
        changes++;
        this.cirBinding = null;
        this.cirLostNotice = isActive();
    }

    /** True once after a loss, while the session is active: the reply that carries the notice consumes it. */
    public boolean takeCirLostNotice() {
        boolean notice = cirLostNotice && isActive() && capabilities.cirMethods().contains(CirMethod.STCP.name());
        cirLostNotice = false;
        return notice;
    }

    /**
     * Grows with every change of the context worth replicating (activity alone is not). The queue
     * counts its own changes ({@link OutboundQueue#changes}): it is replicated on its own.
     */
    public long changes() {
        return changes;
    }

    /**
     * The context as it is replicated to the cluster, so that another node can carry the session on
     * if this one fails; without the queue, which is replicated on its own ({@link OutboundQueue#replicaChange}).
     * Times are carried as wall-clock instants, since monotonic clocks differ between machines.
     */
    public SessionSnapshot snapshot(long nowNanos, long nowMillis) {
        long endedAtMillis = state == SessionState.ENDED ? nowMillis - (nowNanos - activityOrEndNanos) / 1_000_000 : 0;
        return new SessionSnapshot(changes(), sessionId, userId, clientId, version, syntax, sessionCookie,
                keepAliveSeconds, capabilityRequested, capabilities, capabilitiesNegotiated,
                agreedFunctions,
                state, endedAtMillis, copy(presenceSubscriptions), copy(notificationSubscriptions), copy(joinedGroups),
                cirBinding, OutboundQueue.State.BLANK);
    }

    /** Rebuilds a context from its replica; the session counts as active from now on. */
    public static SessionContext restore(SessionSnapshot s, long nowNanos, long nowMillis) {
        SessionContext c = new SessionContext(s.sessionId(), s.userId(), s.clientId(), s.version(),
                s.syntax(), s.sessionCookie(), s.keepAliveSeconds(), s.capabilities(), nowNanos);
        c.capabilityRequested = s.capabilityRequested();
        c.capabilitiesNegotiated = s.capabilitiesNegotiated();
        c.agreedFunctions = s.agreedFunctions() == null ? null : Set.copyOf(s.agreedFunctions());
        c.state = s.state();
        if (s.state() == SessionState.ENDED) {
            c.activityOrEndNanos = nowNanos - (nowMillis - s.endedAtMillis()) * 1_000_000;
        }
        c.presenceSubscriptions = copy(s.presenceSubscriptions());
        c.notificationSubscriptions = copy(s.notificationSubscriptions());
        c.joinedGroups = copy(s.joinedGroups());
        c.cirBinding = s.cirBinding();
        if (s.queue() != OutboundQueue.State.BLANK) {
            c.queueToChange().restore(s.queue(), nowNanos, nowMillis);
        }
        c.changes = s.revision() + 1;
        return c;
    }
}
