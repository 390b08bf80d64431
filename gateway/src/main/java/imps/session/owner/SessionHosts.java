package imps.session.owner;

import imps.session.SessionOwnerClient;
import imps.session.LocalSessions;
import imps.bus.Bearer;
import imps.bus.InboundMessage;
import imps.bus.OutboundMessage;
import imps.config.GatewayConfig;
import imps.session.InbandProcessor;
import imps.session.LoginTransaction;
import imps.session.RetentionPolicy;
import imps.session.SessionCore;
import imps.session.SessionLifecycle;
import imps.session.SessionOperations;
import imps.session.cir.CirOffer;
import imps.session.cir.CirTrigger;
import imps.session.registry.SessionRegistries;
import imps.telemetry.Telemetry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The owner side of one node: its session hosts (one {@link SessionHostVerticle} per event loop) and
 * what moves sessions between nodes as a whole: a drain, the takeover of a departed node's sessions
 * and the reconciliation after a split cluster merged (docs/cluster.md).
 */
public final class SessionHosts {
    /** Sessions taken over at the same time after a node left without a drain (see {@link PacedRun}). */
    private static final int ADOPTION_PARALLELISM = 64;

    private final String nodeId;
    private final SessionRegistries registries;
    private final LocalSessions localSessions;
    private final SessionOwnerClient owners;
    private final LoginTransaction login;
    private final InbandProcessor processor;
    private final SessionOperations operations;
    private final SessionLifecycle lifecycle;
    private final CirTrigger cir;
    private final RetentionPolicy retention;
    private final Function<Bearer, CirOffer> cirOffers;
    private final GatewayConfig.Session limits;
    private final Telemetry telemetry;
    private final LongSupplier clock;
    private final int instances;
    private final List<OwnershipMoves> hosts = new CopyOnWriteArrayList<>();
    private final List<HostLogin> logins = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextLogin = new AtomicInteger();

    private SessionHosts(SessionCore.OwnerParts parts, int instances) {
        this.nodeId = parts.nodeId();
        this.registries = parts.registries();
        this.localSessions = parts.localSessions();
        this.owners = parts.owners();
        this.login = parts.login();
        this.processor = parts.processor();
        this.operations = parts.operations();
        this.lifecycle = parts.lifecycle();
        this.cir = parts.cir();
        this.retention = parts.retention();
        this.cirOffers = parts.cirOffers();
        this.limits = parts.limits();
        this.telemetry = parts.telemetry();
        this.clock = parts.clock();
        this.instances = Math.max(1, instances);
    }

    /**
     * The owner side of the node {@code core} was assembled for, with {@code instances} hosts; from
     * now on, the sessions of a node that leaves the cluster are taken over at once, and the node's
     * own router and owner client reach its sessions directly ({@link SessionOwnerClient#serveLocally}).
     */
    public static SessionHosts of(Vertx vertx, SessionCore core, int instances) {
        SessionHosts hosts = new SessionHosts(core.ownerParts(), instances);
        hosts.registries.membership().onDeparture(node -> vertx.runOnContext(v -> hosts.adoptSessionsOf(node)));
        // This node's router and owner client reach its sessions by a direct call, not an event-bus
        // request to their own node.
        hosts.owners.serveLocally(new OwnerDispatch(hosts.hostedSessions(), hosts));
        return hosts;
    }

    /** A host to deploy; {@link #instances} of them are deployed, one per event loop. */
    public SessionHostVerticle newHost() {
        return new SessionHostVerticle(this);
    }

    public int instances() {
        return instances;
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

    /** After a split-brain merge: see {@link OwnershipMoves#reconcile()}; completes with the sum over the hosts. */
    public Future<Reconciliation> reconcileOwnership() {
        List<Future<Reconciliation>> perHost = new ArrayList<>();
        hosts.forEach(h -> perHost.add(h.reconcile()));
        return Future.all(perHost).map(all -> perHost.stream().map(Future::result)
                .reduce(Reconciliation.NONE, Reconciliation::plus));
    }

    HostedSessions hostedSessions() {
        return new HostedSessions(nodeId, localSessions, registries.directory(), registries.store(), cir, telemetry, clock);
    }

    /** {@code later}: runs work on the host's event loop after the I/O waiting there. */
    ExpirySweep expirySweep(HostedSessions hosted, Consumer<Runnable> later) {
        return new ExpirySweep(hosted, lifecycle, cir, retention, limits.expiryGraceSeconds(),
                limits.maxRetainedSessions() / instances, limits.sweepSessionsPerTick(), later);
    }

    long sweepIntervalMillis() {
        return limits.sweepIntervalMillis();
    }

    void started(OwnershipMoves host, Context context, Function<InboundMessage, Future<OutboundMessage>> login) {
        hosts.add(host);
        logins.add(new HostLogin(context, login));
    }

    /**
     * A Login-Request, to the next host in turn (each new session lives on the host that created it),
     * run on that host's event loop: what the hosts' event-bus consumers of logins do, without the
     * request, its reply registration and its time-out timer (about 5 % of a login storm's CPU,
     * docs/benchmarks.md).
     */
    Future<OutboundMessage> loginOnNextHost(InboundMessage in) {
        List<HostLogin> now = logins;
        if (now.isEmpty()) {
            return Future.failedFuture(new ReplyException(ReplyFailure.NO_HANDLERS, "no session host has started"));
        }
        HostLogin host = now.get(Math.floorMod(nextLogin.getAndIncrement(), now.size()));
        if (Vertx.currentContext() == host.context()) {
            return host.login().apply(in);
        }
        Promise<OutboundMessage> answer = Promise.promise();
        host.context().runOnContext(v -> host.login().apply(in).onComplete(answer));
        return answer.future();
    }

    /** A started host's event loop and its login. */
    private record HostLogin(Context context, Function<InboundMessage, Future<OutboundMessage>> login) {
    }

    SessionRegistries registries() {
        return registries;
    }

    SessionLifecycle lifecycle() {
        return lifecycle;
    }

    LoginTransaction login() {
        return login;
    }

    InbandProcessor processor() {
        return processor;
    }

    SessionOperations operations() {
        return operations;
    }

    CirOffer cirOffer(Bearer bearer) {
        return cirOffers.apply(bearer);
    }
}
