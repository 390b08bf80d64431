package imps.app;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import imps.auth.UserDirectory;
import imps.bus.Bearer;
import imps.bus.CspMessageCodec;
import imps.bus.InboundBatch;
import imps.bus.InboundMessage;
import imps.bus.OutboundBatch;
import imps.bus.OutboundMessage;
import imps.bus.SessionOp;
import imps.bus.SessionOpCodec;
import imps.cluster.ClusterRegistries;
import imps.cluster.HazelcastSetup;
import imps.cluster.HazelcastSharedState;
import imps.codec.xml.XmlLimits;
import imps.config.GatewayConfig;
import imps.limits.SourceConnections;
import imps.limits.SourceRate;
import imps.router.CspRouter;
import imps.service.Addresses;
import imps.service.SharedState;
import imps.service.blocking.BlockingService;
import imps.service.contacts.ContactListService;
import imps.service.groups.GroupService;
import imps.service.im.MessagingService;
import imps.service.notification.GeneralNotificationService;
import imps.service.presence.PresenceModules;
import imps.session.CirBinding;
import imps.session.CirOffer;
import imps.session.Delivery;
import imps.session.ServiceModule;
import imps.session.SecureIds;
import imps.session.SessionCore;
import imps.session.SessionHostVerticle;
import imps.session.Reconciliation;
import imps.session.registry.ClusterMembership;
import imps.transport.http.HttpTransportOptions;
import imps.transport.http.HttpTransportVerticle;
import imps.transport.sms.SmsCenter;
import imps.transport.sms.SmsTransportVerticle;
import imps.transport.sms.kannel.KannelSmsCenter;
import imps.transport.sms.smpp.SmppSmsCenter;
import imps.transport.tcpcir.TcpCirChannels;
import imps.transport.tcpcir.TcpCirOptions;
import imps.transport.tcpcir.TcpCirVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One gateway node: a clustered Vert.x on Hazelcast, the session core with its hosts, the bearers and
 * the management API. This is the only place that knows all the parts; each part knows only its own
 * neighbours (design.md §5).
 */
public final class GatewayNode {
    private static final Logger log = LoggerFactory.getLogger(GatewayNode.class);
    private final GatewayConfig config;
    private final String nodeId;
    private final AtomicBoolean ready = new AtomicBoolean();
    private final TcpCirChannels cirChannels = new TcpCirChannels();
    private final SourceConnections httpConnections;
    private final SourceRate httpRequests;
    private final SourceConnections cirConnections;
    private Vertx vertx;
    private SessionCore core;
    private CspRouter router;
    private ManagementServer management;
    private SubscriberStore store;

    private GatewayNode(GatewayConfig config) {
        this.config = config;
        this.nodeId = config.node().id().isBlank() ? "node-" + SecureIds.next().substring(0, 8) : config.node().id();
        this.httpConnections = new SourceConnections(config.http().maxConnectionsPerSource());
        this.httpRequests = new SourceRate(config.http().maxRequestsPerSecondPerSource(), System::nanoTime);
        this.cirConnections = new SourceConnections(config.tcpCir().maxConnectionsPerSource());
    }

    public static Future<GatewayNode> start(GatewayConfig config) {
        return new GatewayNode(config).boot();
    }

    private Future<GatewayNode> boot() {
        GatewayConfig.Cluster c = config.cluster();
        try {
            store = SubscriberStore.open(config);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        Config hazelcast = HazelcastSetup.config(c, nodeId);
        store.configure(hazelcast);
        HazelcastClusterManager clusterManager = new HazelcastClusterManager(hazelcast);
        VertxOptions options = new VertxOptions().setEventBusOptions(
                new EventBusOptions().setHost(c.eventBusHost()).setPort(c.eventBusPort()));
        return Vertx.builder().with(options).withClusterManager(clusterManager).buildClustered().compose(v -> {
            this.vertx = v;
            CspMessageCodec<InboundMessage> in = CspMessageCodec.inbound();
            CspMessageCodec<OutboundMessage> out = CspMessageCodec.outbound();
            v.eventBus().registerDefaultCodec(in.type(), in);
            v.eventBus().registerDefaultCodec(out.type(), out);
            CspMessageCodec<InboundBatch> inBatch = CspMessageCodec.inboundBatch();
            CspMessageCodec<OutboundBatch> outBatch = CspMessageCodec.outboundBatch();
            v.eventBus().registerDefaultCodec(inBatch.type(), inBatch);
            v.eventBus().registerDefaultCodec(outBatch.type(), outBatch);
            v.eventBus().registerDefaultCodec(SessionOp.class, new SessionOpCodec());
            HazelcastInstance hz = clusterManager.getHazelcastInstance();
            UserDirectory users = store.users(hz);
            SharedState shared = new HazelcastSharedState(hz);
            core = new SessionCore(v, config, nodeId, users, ClusterRegistries.create(hz, config.cluster().minimumClusterSize()), this::cirOffer,
                    delivery -> services(shared, users, delivery), System::nanoTime);
            router = new CspRouter(v, core, SessionCore.OWNER_TIMEOUT_MILLIS);
            int instances = config.http().instances() > 0 ? config.http().instances() : VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE / 2;
            SmsCenter sms = config.sms().enabled() ? smsCenter(v) : null;
            management = new ManagementServer(v, config.mgmt(), router,
                    () -> ready.get() && core.registries().membership().quorate() && store.available(),
                    this::drain, sms, new ProvisioningApi(users, config.csp().domain(), core.registries().users(), router,
                            user -> store.forgetUser(hz, user)));
            store.purgeExpiredEvery(v);
            ClusterMembership membership = core.registries().membership();
            membership.onMerge(() -> {
                Promise<Reconciliation> reconciled = Promise.promise();
                v.runOnContext(x -> core.reconcileOwnership().onComplete(reconciled));
                return reconciled.future().andThen(ar -> {
                    if (ar.succeeded()) {
                        log.info("split cluster merged: {} session copies dropped (owned elsewhere), {} sessions ended "
                                + "(Client-ID admitted on the other side)", ar.result().dropped(), ar.result().ended());
                    } else {
                        log.warn("split cluster merged, reconciling sessions failed", ar.cause());
                    }
                });
            });
            GatewayConfig.Http h = config.http();
            GatewayConfig.TcpCir t = config.tcpCir();
            return management.start().recover(cannotListen("management port", config.mgmt().host(), config.mgmt().port()))
                    .compose(x -> v.deployVerticle(() -> new SessionHostVerticle(core, instances),
                            new DeploymentOptions().setInstances(instances)))
                    .compose(x -> v.deployVerticle(() -> new HttpTransportVerticle(httpOptions(), router, httpConnections,
                                    httpRequests), new DeploymentOptions().setInstances(instances))
                            .recover(cannotListen("HTTP bearer", h.host(), h.port())))
                    .compose(x -> t.enabled()
                            ? v.deployVerticle(() -> new TcpCirVerticle(tcpCirOptions(), router, nodeId, cirChannels,
                                    cirConnections), new DeploymentOptions().setInstances(instances))
                                    .recover(cannotListen("TCP CIR listener", t.host(), t.port()))
                            : Future.succeededFuture(""))
                    .compose(x -> config.sms().enabled()
                            ? v.deployVerticle(new SmsTransportVerticle(config.sms(), router, sms))
                                    .recover(err -> Future.failedFuture(new IllegalStateException(
                                            "the SMS bearer did not start: " + err.getMessage(), err)))
                            : Future.succeededFuture(""))
                    .map(x -> {
                        ready.set(true);
                        return this;
                    })
                    // A node that cannot open all its bearers leaves the cluster instead of lingering in it.
                    .recover(err -> v.close().transform(closed -> {
                        store.close();
                        return Future.<GatewayNode>failedFuture(err);
                    }));
        }, err -> {
            store.close();
            return Future.failedFuture(new IllegalStateException("the Hazelcast member on " + c.host() + ":" + c.port()
                    + " did not start (its log lines above say more): " + err.getMessage(), err));
        });
    }

    /** A listener that could not open: the failure names it and its address, keeping the cause (a BindException). */
    private static <T> java.util.function.Function<Throwable, Future<T>> cannotListen(String listener, String host, int port) {
        return err -> Future.failedFuture(new IllegalStateException(listener + " cannot listen on " + host + ":" + port
                + ": " + err.getMessage(), err));
    }

    /** The services every session can negotiate, sharing their state through the cluster. */
    private List<ServiceModule> services(SharedState shared, UserDirectory users, Delivery delivery) {
        Addresses addresses = new Addresses(config.csp().domain());
        GatewayConfig.Services limits = config.services();
        ContactListService contacts = new ContactListService(shared.map("contact-lists"), addresses, users, limits);
        BlockingService blocking = new BlockingService(shared.map("blocking"), addresses);
        PresenceModules presence = PresenceModules.create(shared, contacts, addresses, users, delivery);
        GroupService groups = new GroupService(shared.map("groups"), shared.map("group-auto-join"), addresses, delivery);
        MessagingService messaging = new MessagingService(shared.map("im-offline"),
                shared.expiringMap("im-delivery-reports", Duration.ofSeconds(limits.offlineMessageTtlSeconds())),
                blocking, groups, addresses, users, delivery, limits, System::currentTimeMillis);
        return List.of(contacts, blocking, presence.presence(), presence.authorization(), groups, messaging,
                new GeneralNotificationService());
    }

    /**
     * What CIR a client reached through {@code bearer} can be offered (session-primitives §9.3):
     * standalone TCP when that listener runs and standalone HTTP on the bearer's own authority, then
     * SMS when the SMS bearer runs. A client on the SMS bearer has no IP connection to the gateway:
     * it gets SMS CIR only (pts.md §5).
     */
    private CirOffer cirOffer(Bearer bearer) {
        boolean sms = config.sms().enabled();
        if (bearer != null && bearer.phoneNumber() != null) {
            return sms ? new CirOffer(List.of(CirBinding.SSMS), null, null, null) : CirOffer.pollingOnly();
        }
        if (bearer == null || bearer.authority() == null) {
            return CirOffer.pollingOnly();
        }
        GatewayConfig.TcpCir tcp = config.tcpCir();
        List<String> methods = new ArrayList<>(3);
        if (tcp.enabled()) {
            methods.add(CirBinding.STCP);
        }
        methods.add("SHTTP");
        if (sms) {
            methods.add(CirBinding.SSMS);
        }
        String tcpHost = tcp.advertisedHost().isBlank() ? bearer.host() : tcp.advertisedHost();
        String cirBase = config.http().scheme() + "://" + bearer.authority() + config.http().path()
                + HttpTransportVerticle.CIR_PATH;
        return new CirOffer(methods, tcpHost, tcp.port(), cirBase);
    }

    /** The node's link to the SMS network, as {@code sms.connector} names it. */
    private SmsCenter smsCenter(Vertx v) {
        GatewayConfig.Sms sms = config.sms();
        return switch (sms.connector()) {
            case "smpp" -> new SmppSmsCenter(v, sms.smpp(), sms.address());
            case "kannel" -> new KannelSmsCenter(v, sms.kannel(), sms.address());
            default -> throw new IllegalArgumentException("sms.connector must be smpp or kannel, not " + sms.connector());
        };
    }

    private TcpCirOptions tcpCirOptions() {
        GatewayConfig.TcpCir t = config.tcpCir();
        return new TcpCirOptions(t.host(), t.port(), t.idleTimeoutSeconds(), t.maxLineLength(), t.heloTimeoutSeconds(),
                t.tls());
    }

    private HttpTransportOptions httpOptions() {
        GatewayConfig.Http h = config.http();
        GatewayConfig.Xml x = config.xml();
        return new HttpTransportOptions(h.host(), h.port(), h.path(), h.maxBodyBytes(), h.idleTimeoutSeconds(),
                h.bodyTimeoutSeconds(), new XmlLimits(x.maxDepth(), x.maxElements(), x.maxTextLength()), h.trustedProxies(),
                h.tls());
    }

    public String nodeId() {
        return nodeId;
    }

    public boolean isReady() {
        return ready.get();
    }

    public Vertx vertx() {
        return vertx;
    }

    public SessionCore core() {
        return core;
    }

    /** The entry point of every bearer, also where services hand in server-initiated primitives. */
    public CspRouter router() {
        return router;
    }

    /**
     * Graceful drain: the node stops being ready (so load balancers send new clients elsewhere) and
     * hands its sessions to the other nodes. Completes with the number of sessions moved.
     */
    public Future<Integer> drain() {
        ready.set(false);
        return core.drain();
    }

    public Future<Void> stop() {
        ready.set(false);
        Future<Void> closed = vertx == null ? Future.succeededFuture() : vertx.close();
        return closed.andThen(ar -> {
            if (store != null) {
                store.close();
            }
        });
    }
}
