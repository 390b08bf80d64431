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
import imps.bus.SessionOpCodec;
import imps.cluster.ClusterRegistries;
import imps.cluster.HazelcastSetup;
import imps.cluster.HazelcastSharedState;
import imps.codec.wbxml.WbxmlLimits;
import imps.codec.xml.XmlLimits;
import imps.config.GatewayConfig;
import imps.router.CirRequests;
import imps.limits.SourceConnections;
import imps.limits.SourceRate;
import imps.router.CspRouter;
import imps.transport.base.CspExchange;
import imps.service.Addresses;
import imps.service.SharedState;
import imps.service.blocking.BlockingService;
import imps.service.contacts.ContactListService;
import imps.service.groups.GroupService;
import imps.service.im.MessagingService;
import imps.service.notification.GeneralNotificationService;
import imps.service.presence.PresenceModules;
import imps.session.cir.CirMethod;
import imps.session.cir.CirOffer;
import imps.session.Delivery;
import imps.session.ServiceModule;
import imps.protocol.SecureIds;
import imps.session.SessionCore;
import imps.session.owner.SessionHosts;
import imps.session.owner.Reconciliation;
import imps.session.registry.ClusterMembership;
import imps.transport.http.HttpTransportOptions;
import imps.transport.http.HttpTransportVerticle;
import imps.transport.sms.SmsCenter;
import imps.transport.sms.SmsConnector;
import imps.transport.sms.SmsOptions;
import imps.transport.sms.SmsTransportVerticle;
import imps.transport.sms.kannel.KannelOptions;
import imps.transport.sms.smpp.SmppOptions;
import imps.transport.sms.kannel.KannelSmsCenter;
import imps.transport.sms.smpp.SmppSmsCenter;
import imps.transport.tcpcir.TcpCirChannels;
import imps.transport.tcpcir.TcpCirOptions;
import imps.transport.tcpcir.TcpCirVerticle;
import imps.transport.udpcir.UdpCirOptions;
import imps.transport.udpcir.UdpCirVerticle;
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
import java.util.function.LongSupplier;

/**
 * One gateway node: a clustered Vert.x on Hazelcast, the session core with its hosts, the bearers and
 * the management API. This is the only place that knows all the parts; each part knows only its own
 * neighbours (README.md, "Layout").
 */
public final class GatewayNode {
    private static final Logger log = LoggerFactory.getLogger(GatewayNode.class);
    private final GatewayConfig config;
    private final String nodeId;
    private final NodeReadiness readiness = new NodeReadiness();
    private final TcpCirChannels cirChannels = new TcpCirChannels();
    private final SourceConnections httpConnections;
    private final SourceRate httpRequests;
    private final SourceConnections cirConnections;
    private Vertx vertx;
    private SessionCore core;
    private SessionHosts hosts;
    private CspRouter router;
    private ManagementServer management;
    private SubscriberStore store;
    private NodeMetrics metrics;
    private Operations operations;
    private final DrainProgress drainProgress = new DrainProgress();

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
        int instances = config.http().instances() > 0 ? config.http().instances() : VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE / 2;
        int eventLoops = config.node().eventLoops() > 0 ? config.node().eventLoops() : instances;
        VertxOptions options = new VertxOptions().setEventBusOptions(
                        new EventBusOptions().setHost(c.eventBusHost()).setPort(c.eventBusPort()))
                .setEventLoopPoolSize(eventLoops);
        metrics = NodeMetrics.create(nodeId, config.metrics().enabled());
        Promise<GatewayNode> started = Promise.promise();
        metrics.vertx(options).withClusterManager(clusterManager).buildClustered().compose(v -> {
            this.vertx = v;
            CspMessageCodec<InboundMessage> in = CspMessageCodec.inbound();
            CspMessageCodec<OutboundMessage> out = CspMessageCodec.outbound();
            v.eventBus().registerDefaultCodec(in.type(), in);
            v.eventBus().registerDefaultCodec(out.type(), out);
            CspMessageCodec<InboundBatch> inBatch = CspMessageCodec.inboundBatch();
            CspMessageCodec<OutboundBatch> outBatch = CspMessageCodec.outboundBatch();
            v.eventBus().registerDefaultCodec(inBatch.type(), inBatch);
            v.eventBus().registerDefaultCodec(outBatch.type(), outBatch);
            v.eventBus().registerCodec(new SessionOpCodec());
            HazelcastInstance hz = clusterManager.getHazelcastInstance();
            UserDirectory users = store.users(hz);
            SharedState shared = new HazelcastSharedState(hz);
            // One clock for the session core and whatever reads the times it keeps (the admin API's ages).
            LongSupplier clock = System::nanoTime;
            core = new SessionCore(v, config, nodeId, users, ClusterRegistries.create(hz, config.cluster().minimumClusterSize()), this::cirOffer,
                    delivery -> services(shared, users, delivery), clock, metrics.telemetry());
            router = new CspRouter(v, core.owners(), nodeId, core.spInfo(), core.telemetry(), SessionCore.OWNER_TIMEOUT_MILLIS);
            CirRequests cir = new CirRequests(core.owners(), nodeId);
            CspExchange exchange = new CspExchange(router, config.csp().versions());
            hosts = SessionHosts.of(v, core, instances);
            SmsCenter sms = config.sms().enabled() ? smsCenter(v) : null;
            ClusterMembership membership = core.registries().membership();
            readiness.watch(membership::quorate, store::available);
            metrics.watch(core.localSessions(), membership, config.cluster().minimumClusterSize(), core.loginThrottle(), readiness,
                    drainProgress, cirChannels, sms, store.database());
            ManagementAuth auth = new ManagementAuth(config.mgmt(), (why, ctx) -> metrics.authFailure(why));
            management = new ManagementServer(v, config.mgmt(), router, readiness,
                    this::drain, sms, new ProvisioningApi(users, config.csp().domain(), core.registries().users(), router,
                            user -> store.forgetUser(hz, user)),
                    operations = new Operations(auth, metrics, new AdminApi(v, config, nodeId, core.registries(), users, router, sms)));
            NodeAdmin admin = new NodeAdmin(v, nodeId, core.localSessions(), membership, clock, readiness, drainProgress,
                    this::drain);
            store.purgeExpiredEvery(v);
            new ClusterWatch(membership, config.cluster().minimumClusterSize()).start(v);
            membership.onMerge(() -> {
                Promise<Reconciliation> reconciled = Promise.promise();
                v.runOnContext(x -> hosts.reconcileOwnership().onComplete(reconciled));
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
            return admin.register().compose(x -> metrics.probeEventLoops(v, eventLoops))
                    .compose(x -> management.start().recover(cannotListen("management port", config.mgmt().host(),
                            config.mgmt().port())))
                    .compose(x -> v.deployVerticle(hosts::newHost,
                            new DeploymentOptions().setInstances(instances)))
                    .compose(x -> v.deployVerticle(() -> new HttpTransportVerticle(httpOptions(), exchange, cir,
                                    httpConnections, httpRequests, readiness.bearers()), new DeploymentOptions().setInstances(instances))
                            .recover(cannotListen("HTTP bearer", h.host(), h.port())))
                    .compose(x -> t.enabled()
                            ? v.deployVerticle(() -> new TcpCirVerticle(tcpCirOptions(), cir, nodeId, cirChannels,
                                    cirConnections, readiness.bearers()), new DeploymentOptions().setInstances(instances))
                                    .recover(cannotListen("TCP CIR listener", t.host(), t.port()))
                            : Future.succeededFuture(""))
                    .compose(x -> config.udpCir().enabled()
                            ? v.deployVerticle(new UdpCirVerticle(udpCirOptions(), readiness.bearers()))
                            : Future.succeededFuture(""))
                    .compose(x -> config.sms().enabled()
                            ? v.deployVerticle(new SmsTransportVerticle(smsOptions(), exchange, cir, sms, readiness.bearers()))
                                    .recover(err -> Future.failedFuture(new IllegalStateException(
                                            "the SMS bearer did not start: " + err.getMessage(), err)))
                            : Future.succeededFuture(""))
                    .map(x -> {
                        readiness.accepting(true);
                        return this;
                    });
        }, err -> {
            store.close();
            return Future.failedFuture(new IllegalStateException("the Hazelcast member on " + c.host() + ":" + c.port()
                    + " did not start (its log lines above say more): " + err.getMessage(), err));
        }).onComplete(ar -> {
            if (ar.succeeded()) {
                started.complete(this);
            } else if (vertx != null) {
                leaveCluster(vertx, ar.cause(), started);
            } else {
                started.fail(ar.cause());
            }
        });
        return started.future();
    }

    /**
     * A node that cannot open all its bearers leaves the cluster instead of lingering in it. The start
     * fails through a promise of no Vert.x context: the start chain runs on a context of the instance
     * being closed, whose event loop would never deliver the failure.
     */
    private void leaveCluster(Vertx v, Throwable err, Promise<GatewayNode> started) {
        v.close().onComplete(closed -> {
            store.close();
            started.fail(err);
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
     * What CIR a client reached through {@code bearer} can be offered (OMA-TS-IMPS_CSP-V1_3 §"Client
     * capability negotiation"): standalone TCP when that listener runs, standalone HTTP on the bearer's
     * own authority, standalone UDP when the UDP sender runs, then SMS when the SMS bearer runs. A
     * client on the SMS bearer has no IP connection to the gateway: it gets SMS CIR only (docs/sms.md).
     */
    private CirOffer cirOffer(Bearer bearer) {
        boolean sms = config.sms().enabled();
        if (bearer != null && bearer.phoneNumber() != null) {
            return sms ? new CirOffer(List.of(CirMethod.SSMS.name()), null, null, null) : CirOffer.pollingOnly();
        }
        if (bearer == null || bearer.authority() == null) {
            return CirOffer.pollingOnly();
        }
        GatewayConfig.TcpCir tcp = config.tcpCir();
        List<String> methods = new ArrayList<>(4);
        if (tcp.enabled()) {
            methods.add(CirMethod.STCP.name());
        }
        methods.add(CirMethod.SHTTP.name());
        if (config.udpCir().enabled()) {
            methods.add(CirMethod.SUDP.name());
        }
        if (sms) {
            methods.add(CirMethod.SSMS.name());
        }
        String tcpHost = tcp.advertisedHost().isBlank() ? bearer.host() : tcp.advertisedHost();
        String cirBase = config.http().scheme() + "://" + bearer.authority() + config.http().path()
                + HttpTransportVerticle.CIR_PATH;
        return new CirOffer(methods, tcpHost, tcp.port(), cirBase);
    }

    /** The node's link to the SMS network, as {@code sms.connector} names it. */
    private SmsCenter smsCenter(Vertx v) {
        GatewayConfig.Sms sms = config.sms();
        return switch (SmsConnector.parse(sms.connector())) {
            case SMPP -> {
                GatewayConfig.Smpp o = sms.smpp();
                yield new SmppSmsCenter(v, new SmppOptions(o.host(), o.port(), o.systemId(), o.password(), o.systemType(),
                        o.enquireLinkSeconds(), o.reconnectMinSeconds(), o.reconnectMaxSeconds(), o.window(),
                        o.maxSubmitsPerSecond(), o.responseTimeoutMillis(), o.registeredDelivery()), sms.address());
            }
            case KANNEL -> {
                GatewayConfig.Kannel o = sms.kannel();
                yield new KannelSmsCenter(v, new KannelOptions(o.sendsmsUrl(), o.username(), o.password(), o.moHost(),
                        o.moPort(), o.moPath()), sms.address());
            }
        };
    }

    private SmsOptions smsOptions() {
        GatewayConfig.Sms s = config.sms();
        return new SmsOptions(s.address(), s.dataPort(), s.cirPort(), s.maxSegmentBytes(), s.reassemblyTimeoutSeconds(),
                s.maxPendingPerSender(), s.cirMinIntervalSeconds());
    }

    private UdpCirOptions udpCirOptions() {
        GatewayConfig.UdpCir u = config.udpCir();
        return new UdpCirOptions(u.host(), u.port(), u.minIntervalSeconds());
    }

    private TcpCirOptions tcpCirOptions() {
        GatewayConfig.TcpCir t = config.tcpCir();
        return new TcpCirOptions(t.host(), t.port(), t.idleTimeoutSeconds(), t.maxLineLength(), t.heloTimeoutSeconds(),
                t.tls());
    }

    private HttpTransportOptions httpOptions() {
        GatewayConfig.Http h = config.http();
        GatewayConfig.Xml x = config.xml();
        XmlLimits xml = new XmlLimits(x.maxDepth(), x.maxElements(), x.maxTextLength());
        return new HttpTransportOptions(h.host(), h.port(), h.path(), h.maxBodyBytes(), h.idleTimeoutSeconds(),
                h.bodyTimeoutSeconds(), xml, WbxmlLimits.of(xml, config.wbxml().maxStringTableBytes(), h.maxBodyBytes()),
                h.trustedProxies(), h.tls());
    }

    public String nodeId() {
        return nodeId;
    }

    public boolean isReady() {
        return readiness.accepting();
    }

    /** The management port's operator routes (metrics, admin API, page). */
    Operations operations() {
        return operations;
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
        readiness.accepting(false);
        int held = core.localSessions().size();
        if (!drainProgress.start(held)) {
            return Future.failedFuture(new IllegalStateException("a drain is already running"));
        }
        log.info("drain started: {} sessions to hand over to the other nodes", held);
        long start = System.nanoTime();
        return hosts.drain()
                .onSuccess(moved -> {
                    drainProgress.finished(moved);
                    log.info("drain finished: {} sessions moved in {} ms, {} still held", moved,
                            (System.nanoTime() - start) / 1_000_000, core.localSessions().size());
                })
                .onFailure(err -> {
                    drainProgress.failed(err);
                    log.warn("drain failed after {} ms: {}", (System.nanoTime() - start) / 1_000_000, err.getMessage());
                });
    }

    public Future<Void> stop() {
        readiness.accepting(false);
        Future<Void> closed = vertx == null ? Future.succeededFuture() : vertx.close();
        return closed.andThen(ar -> {
            if (store != null) {
                store.close();
            }
            if (metrics != null) {
                metrics.close();
            }
        });
    }
}
