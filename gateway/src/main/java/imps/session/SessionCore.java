package imps.session;

import imps.session.cir.CirChannels;
import imps.session.cir.CirTrigger;
import imps.session.cir.CirOffer;
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
import imps.telemetry.Telemetry;
import imps.throttle.LoginThrottle;
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
    private final Telemetry telemetry;

    /** How long a caller waits for a session's owner before answering 503. */
    public static final long OWNER_TIMEOUT_MILLIS = 10_000;

    public SessionCore(Vertx vertx, GatewayConfig config, String nodeId, UserDirectory users, SessionRegistries registries,
                       Function<Bearer, CirOffer> cirOffers, ServiceModule.Factory serviceFactory, LongSupplier clock,
                       Telemetry telemetry) {
        this.telemetry = telemetry;
        this.config = config;
        this.nodeId = nodeId;
        this.registries = registries;
        this.cirOffers = cirOffers;
        this.clock = clock;
        GatewayConfig.Session s = config.session();
        KeepAlivePolicy keepAlive = new KeepAlivePolicy(s.keepAliveDefaultSeconds(), s.keepAliveMinSeconds(),
                s.keepAliveMaxSeconds());
        this.retention = RetentionPolicy.parse(s.retention());
        this.cir = new CirTrigger(CirChannels.standard(vertx), telemetry);
        this.owners = new SessionOwnerClient(vertx, nodeId, localSessions, registries.directory(),
                registries.membership(), OWNER_TIMEOUT_MILLIS, telemetry);
        List<ServiceModule> modules = serviceFactory.create(new SessionDelivery(registries.users(), owners));
        SessionEvents events = new ServiceEvents(modules);
        this.lifecycle = new SessionLifecycle(registries.users(), s.maxQueuedPrimitives(), cir, events, telemetry);
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
                s.serverTransactionAttempts()), telemetry);
        SessionRecovery recovery = new SessionRecovery(registries.users(), keepAlive, services.implemented(), s, cir,
                events);
        this.operations = new SessionOperations(lifecycle, recovery, cir, s.maxQueuedPrimitives(), telemetry);
        this.throttle = new LoginThrottle(config.login().throttle(), config.login().nonceTtlSeconds(),
                registries.loginCounters());
        this.login = new LoginTransaction(config, users, registries, keepAlive, services, capabilities, owners,
                retention, events, clock, telemetry, throttle);
    }

    /** Where the session core reports what it does (metrics, operator log). */
    public Telemetry telemetry() {
        return telemetry;
    }

    /** The cluster-wide registries: who owns which session, users' sessions, membership. */
    public SessionRegistries registries() {
        return registries;
    }

    /** The sessions this node owns. */
    public LocalSessions localSessions() {
        return localSessions;
    }

    /** Reaches the owner of any session, on this node or another. */
    public SessionOwnerClient owners() {
        return owners;
    }

    /** Answers GetSPInfo outside any session, where the router meets it. */
    public GetSpInfoTransaction spInfo() {
        return spInfo;
    }

    /** The login throttle, for its counters. */
    public LoginThrottle loginThrottle() {
        return throttle;
    }

    /** What the node's session hosts (the owner side, {@code imps.session.owner}) work with. */
    public OwnerParts ownerParts() {
        return new OwnerParts(nodeId, config.session(), registries, localSessions, owners, login, processor, operations,
                lifecycle, cir, retention, cirOffers, clock, telemetry);
    }

    /**
     * The parts a session owner needs to host sessions: to log them in, run their transactions and
     * operations, end them, wake their clients, keep or drop their contexts, and report.
     */
    public record OwnerParts(String nodeId, GatewayConfig.Session limits, SessionRegistries registries,
                             LocalSessions localSessions, SessionOwnerClient owners, LoginTransaction login,
                             InbandProcessor processor, SessionOperations operations, SessionLifecycle lifecycle,
                             CirTrigger cir, RetentionPolicy retention, Function<Bearer, CirOffer> cirOffers,
                             LongSupplier clock, Telemetry telemetry) {
    }
}
