package imps.session;

import imps.auth.UserDirectory;
import imps.config.GatewayConfig;
import imps.bus.Bearer;
import imps.session.registry.SessionRegistries;
import imps.session.transaction.ClientCapabilityTransaction;
import imps.session.transaction.GetSpInfoTransaction;
import imps.session.transaction.InbandTransaction;
import imps.session.transaction.KeepAliveTransaction;
import imps.session.transaction.LogoutTransaction;
import imps.session.transaction.ServiceTransaction;
import imps.throttle.LoginThrottle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The session core of one node, assembled once: the transactions it implements, the negotiation
 * rules, login, life cycle and the sessions it owns. The service negotiation announces exactly the
 * function leaves of the transactions registered here (in each CSP version, those whose primitive
 * exists in it), so the gateway never offers what it cannot do.
 */
public final class SessionCore {
    private final GatewayConfig config;
    private final String nodeId;
    private final SessionRegistries registries;
    private final LocalSessions localSessions = new LocalSessions();
    private final SessionLifecycle lifecycle;
    private final InbandProcessor processor;
    private final LoginTransaction login;
    private final LoginThrottle throttle;
    private final GetSpInfoTransaction spInfo;
    private final RetentionPolicy retention;
    private final Function<Bearer, CirOffer> cirOffers;
    private final LongSupplier clock;
    private final CirTrigger cir;
    private final SessionOperations operations;
    private final SessionOwnerClient owners;
    private final List<SessionHostVerticle> hosts = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Sessions taken over at the same time after a node left without a drain (see {@link PacedRun}). */
    private static final int ADOPTION_PARALLELISM = 64;

    /** How long a caller waits for a session's owner before answering 503. */
    public static final long OWNER_TIMEOUT_MILLIS = 10_000;

    public SessionCore(Vertx vertx, GatewayConfig config, String nodeId, UserDirectory users, SessionRegistries registries,
                       Function<Bearer, CirOffer> cirOffers, ServiceModule.Factory serviceFactory, LongSupplier clock) {
        this.config = config;
        this.nodeId = nodeId;
        this.registries = registries;
        this.cirOffers = cirOffers;
        this.clock = clock;
        GatewayConfig.Session s = config.session();
        KeepAlivePolicy keepAlive = new KeepAlivePolicy(s.keepAliveDefaultSeconds(), s.keepAliveMinSeconds(),
                s.keepAliveMaxSeconds());
        this.retention = RetentionPolicy.parse(s.retention());
        this.cir = new CirTrigger(vertx);
        this.owners = new SessionOwnerClient(vertx, nodeId, localSessions, registries.directory(),
                registries.membership(), OWNER_TIMEOUT_MILLIS);
        registries.membership().onDeparture(node -> vertx.runOnContext(v -> adoptSessionsOf(node)));
        List<ServiceModule> modules = serviceFactory.create(new SessionDelivery(registries.users(), owners));
        SessionEvents events = new ServiceEvents(modules);
        this.lifecycle = new SessionLifecycle(registries.users(), s.maxQueuedPrimitives(), cir, events);
        this.spInfo = new GetSpInfoTransaction(config.csp().serviceProvider());
        List<String> bearers = new ArrayList<>(List.of("HTTP"));
        if ("https".equals(config.http().scheme())) {
            bearers.add("HTTPS");
        }
        if (config.sms().enabled()) {
            bearers.add("SMS");
        }
        CapabilityNegotiation capabilities = new CapabilityNegotiation(s.serverPollMinSeconds(),
                config.http().maxBodyBytes(), bearers, s.maxSessionsPerUser());

        List<InbandTransaction> transactions = new ArrayList<>();
        transactions.add(new KeepAliveTransaction(keepAlive));
        transactions.add(new LogoutTransaction(lifecycle));
        transactions.add(new ClientCapabilityTransaction(capabilities, tx -> cirOffers.apply(tx.bearer())));
        transactions.add(spInfo);
        Set<String> pushLeaves = new LinkedHashSet<>();
        for (ServiceModule m : modules) {
            transactions.addAll(m.transactions());
            pushLeaves.addAll(m.pushLeaves());
        }
        ServiceNegotiation services = new ServiceNegotiation(
                ImplementedLeaves.of(transactions.stream().map(InbandTransaction::type).toList(), pushLeaves));
        transactions.add(new ServiceTransaction(services, events));
        this.processor = new InbandProcessor(transactions, events, new OutboundQueue.Retransmission(
                java.util.concurrent.TimeUnit.SECONDS.toNanos(s.serverTransactionTimeoutSeconds()),
                s.serverTransactionAttempts()));
        SessionRecovery recovery = new SessionRecovery(registries.users(), keepAlive, services.implemented(), s, cir,
                events);
        this.operations = new SessionOperations(lifecycle, recovery, cir, s.maxQueuedPrimitives());
        this.throttle = new LoginThrottle(config.login().throttle(), config.login().nonceTtlSeconds(),
                registries.loginCounters());
        this.login = new LoginTransaction(config, users, registries, keepAlive, services, capabilities, owners,
                retention, events, clock, throttle);
    }

    public GatewayConfig config() {
        return config;
    }

    public String nodeId() {
        return nodeId;
    }

    public SessionRegistries registries() {
        return registries;
    }

    public LocalSessions localSessions() {
        return localSessions;
    }

    public SessionLifecycle lifecycle() {
        return lifecycle;
    }

    public InbandProcessor processor() {
        return processor;
    }

    public LoginTransaction login() {
        return login;
    }

    /** The login throttle, for its counters. */
    public LoginThrottle loginThrottle() {
        return throttle;
    }

    public GetSpInfoTransaction spInfo() {
        return spInfo;
    }

    public RetentionPolicy retention() {
        return retention;
    }

    public SessionOperations operations() {
        return operations;
    }

    /** Reaches the owner of any session, on this node or another. */
    public SessionOwnerClient owners() {
        return owners;
    }

    public CirTrigger cir() {
        return cir;
    }

    /** The session hosts of this node (one per event loop). */
    List<SessionHostVerticle> hosts() {
        return hosts;
    }

    /** After a split-brain merge: see {@link SessionHostVerticle#reconcile()}; completes with the sum over the hosts. */
    public Future<Reconciliation> reconcileOwnership() {
        List<Future<Reconciliation>> perHost = new ArrayList<>();
        hosts.forEach(h -> perHost.add(h.reconcile()));
        return Future.all(perHost).map(all -> perHost.stream().map(Future::result)
                .reduce(Reconciliation.NONE, Reconciliation::plus));
    }

    /**
     * After a node left without handing its sessions over (a crash): takes this node's share of them
     * over at once instead of on their next request. Each is restored from its replica, so its expiry
     * runs again: a session whose client never comes back ends with Disconnect 600 and frees its
     * Client-ID, and one whose client does come back finds it ready. Below the quorum nothing is
     * taken over (the majority does it). Completes with the number of sessions this node took over.
     */
    public Future<Integer> adoptSessionsOf(String departedNode) {
        if (!registries.membership().quorate()) {
            return Future.succeededFuture(0);
        }
        return registries.directory().shareOwnedBy(departedNode).compose(ids -> PacedRun.run(ids, ADOPTION_PARALLELISM,
                (sessionId, i) -> owners.locate(sessionId).map(nodeId::equals).otherwise(false)));
    }

    /**
     * Graceful drain: hands every session this node owns to the other nodes, live, so that their
     * clients notice nothing. Completes with the number of sessions moved; with no other node in
     * the cluster nothing can move and the sessions stay (their replicas remain for a later takeover).
     */
    public Future<Integer> drain() {
        List<String> targets = registries.membership().liveNodes().stream().filter(n -> !n.equals(nodeId)).toList();
        if (targets.isEmpty()) {
            return Future.succeededFuture(0);
        }
        List<Future<Integer>> perHost = new ArrayList<>();
        hosts.forEach(h -> perHost.add(h.drain(targets)));
        return Future.all(perHost).map(all -> perHost.stream().mapToInt(Future::result).sum());
    }

    public CirOffer cirOffer(Bearer bearer) {
        return cirOffers.apply(bearer);
    }

    public long now() {
        return clock.getAsLong();
    }
}
