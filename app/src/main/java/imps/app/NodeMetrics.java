package imps.app;

import imps.session.SessionActor;
import imps.session.SessionContext;
import imps.session.LocalSessions;
import imps.session.registry.ClusterMembership;
import imps.store.Database;
import imps.telemetry.Telemetry;
import imps.throttle.LoginThrottle;
import imps.transport.sms.SmsCenter;
import imps.transport.sms.SmsCounters;
import imps.transport.tcpcir.TcpCirChannels;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The node's metrics (docs/operations.md "Metrics"): one Prometheus registry per node, fed by
 * Vert.x's metrics SPI (HTTP and TCP servers, event bus, pools; JVM heap, GC and threads), by the
 * {@link Telemetry} seam ({@link MeteredTelemetry}) and by gauges read at scrape time from the node's
 * state: sessions by state, CSP version, syntax and bearer, queue depth, cluster membership, drain,
 * TCP CIR connections, the SMS link and the subscriber store. Every meter carries the node id as
 * {@code node}. With {@code metrics.enabled: false} nothing is registered and the seam does nothing.
 */
final class NodeMetrics {
    private final PrometheusMeterRegistry registry;
    private final Telemetry telemetry;
    private MultiGauge sessions;
    private LocalSessions localSessions;

    private NodeMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        this.telemetry = registry == null ? new OperatorLog() : new MeteredTelemetry(registry);
    }

    static NodeMetrics create(String nodeId, boolean enabled) {
        if (!enabled) {
            return new NodeMetrics(null);
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("node", nodeId);
        return new NodeMetrics(registry);
    }

    boolean enabled() {
        return registry != null;
    }

    Telemetry telemetry() {
        return telemetry;
    }

    /** Vert.x with its own metrics (and the JVM's) in this node's registry. */
    VertxBuilder vertx(VertxOptions options) {
        if (registry == null) {
            return Vertx.builder().with(options);
        }
        // Per-request and per-message meters of the HTTP server and the event bus cost more than the
        // gateway's own per-transaction ones, which already count and time every message
        // (docs/benchmarks.md "Metrics"): those two domains are left out.
        options.setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)
                .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER).addDisabledMetricsCategory(MetricsDomain.EVENT_BUS));
        return Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry));
    }

    /** Starts one event-loop delay probe per event loop ({@code eventLoops} of them). */
    Future<?> probeEventLoops(Vertx vertx, int eventLoops) {
        if (registry == null) {
            return Future.succeededFuture();
        }
        Timer delay = Timer.builder("imps.event.loop.delay").description("how late event loops run a timer")
                .register(registry);
        return vertx.deployVerticle(() -> new EventLoopProbe(delay),
                new DeploymentOptions().setInstances(eventLoops));
    }

    /** Gauges over the node's state, read at each scrape. {@code sms}, {@code store}: null when off. */
    void watch(LocalSessions localSessions, ClusterMembership members, int minimumClusterSize, LoginThrottle throttle,
               BooleanSupplier ready, DrainProgress drain, TcpCirChannels cir, SmsCenter sms, Database store) {
        if (registry == null) {
            return;
        }
        this.localSessions = localSessions;
        for (ManagementAuth.Refusal reason : ManagementAuth.Refusal.values()) {
            authFailures(reason);
        }
        sessions = MultiGauge.builder("imps.sessions")
                .description("sessions this node owns, live or retained for recovery, by CSP version, syntax and bearer")
                .register(registry);
        gauge("imps.queue.depth", "server-initiated primitives waiting to be handed out, all sessions", localSessions,
                NodeMetrics::queued);
        gauge("imps.cluster.members", "gateway nodes in this node's view of the cluster", members, m -> m.liveNodes().size());
        gauge("imps.cluster.quorate", "1 while this node's side of the cluster has the minimum size (split-brain protection)",
                members, m -> m.quorate() ? 1 : 0);
        gauge("imps.cluster.minimum.size", "cluster.minimumClusterSize", members, m -> minimumClusterSize);
        throttleCounter(throttle, "failure", LoginThrottle.Counters::failures);
        throttleCounter(throttle, "refused_source", LoginThrottle.Counters::refusedBySource);
        throttleCounter(throttle, "refused_user", LoginThrottle.Counters::refusedByUser);
        throttleCounter(throttle, "refused_challenge", LoginThrottle.Counters::refusedChallenges);
        gauge("imps.node.ready", "1 while the node is ready (readiness probe)", ready, r -> r.getAsBoolean() ? 1 : 0);
        gauge("imps.drain.active", "1 while the node drains", drain, d -> d.draining() ? 1 : 0);
        gauge("imps.drain.sessions.remaining", "sessions a draining node still holds", drain,
                d -> d.draining() ? localSessions.size() : 0);
        gauge("imps.tcp.cir.connections", "standalone TCP CIR connections bound to a session on this node", cir,
                TcpCirChannels::size);
        if (sms != null) {
            gauge("imps.sms.link.up", "1 while the SMS link can submit", sms, s -> s.connected() ? 1 : 0);
            smsCounter(sms, "received", "mobile-originated SMS received", SmsCounters::received);
            smsCounter(sms, "submitted", "mobile-terminated SMS accepted by the SMS network", SmsCounters::submitted);
            smsCounter(sms, "submit.failures", "SMS submissions refused or failed", SmsCounters::submitFailures);
            smsCounter(sms, "delivered", "delivery receipts reporting delivery", SmsCounters::delivered);
            smsCounter(sms, "undeliverable", "delivery receipts reporting final failure", SmsCounters::undeliverable);
            smsCounter(sms, "connects", "times the SMS link (re)connected", SmsCounters::connects);
        }
        if (store != null) {
            gauge("imps.store.up", "1 while the subscriber store answers", store, d -> d.available() ? 1 : 0);
            for (String state : List.of("active", "idle", "waiting")) {
                Gauge.builder("imps.store.connections", store, d -> switch (state) {
                            case "active" -> d.poolState().active();
                            case "idle" -> d.poolState().idle();
                            default -> d.poolState().waiting();
                        }).description("subscriber store pool: connections in use, idle, and callers waiting for one")
                        .tag("state", state).register(registry);
            }
            gauge("imps.store.connections.max", "store.poolSize", store, d -> d.poolState().max());
            FunctionCounter.builder("imps.store.failures", store, Database::failures)
                    .description("subscriber store calls that failed").register(registry);
        }
    }

    /** Counts a refused management request, by reason. */
    void authFailure(ManagementAuth.Refusal reason) {
        if (registry != null) {
            authFailures(reason).increment();
        }
    }

    private Counter authFailures(ManagementAuth.Refusal reason) {
        return Counter.builder("imps.mgmt.auth.failures").description("management requests refused, by reason")
                .tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT)).register(registry);
    }

    private <T> void gauge(String name, String description, T target, ToDoubleFunction<T> value) {
        Gauge.builder(name, target, value).description(description).register(registry);
    }

    private void throttleCounter(LoginThrottle throttle, String event,
                                 java.util.function.ToLongFunction<LoginThrottle.Counters> value) {
        FunctionCounter.builder("imps.login.throttle", throttle, t -> value.applyAsLong(t.counters()))
                .description("on this node: failed logins the login throttle counted (409, 531), and logins and "
                        + "4-way challenges it refused (503) by source address or by user")
                .tag("event", event).register(registry);
    }

    private void smsCounter(SmsCenter sms, String name, String description, java.util.function.ToLongFunction<SmsCounters> value) {
        FunctionCounter.builder("imps.sms." + name, sms, s -> value.applyAsLong(s.counters())).description(description)
                .register(registry);
    }

    private static double queued(LocalSessions localSessions) {
        long n = 0;
        for (SessionActor a : localSessions.all()) {
            n += a.session().queue().pendingCount();
        }
        return n;
    }

    /** Releases the registry's JVM listeners (a stopped node's meters would otherwise stay reachable). */
    void close() {
        if (registry != null) {
            registry.close();
        }
    }

    /** The Prometheus text of every meter; null when metrics are off. */
    String scrape() {
        if (registry == null) {
            return null;
        }
        if (sessions != null) {
            sessions.register(census(localSessions), true);
        }
        return registry.scrape();
    }

    /**
     * Counts the node's sessions by state, version, syntax and bearer. Reads what other event loops
     * write without their lock: a session that changes meanwhile is counted as it was or as it is.
     */
    private static List<MultiGauge.Row<?>> census(LocalSessions localSessions) {
        Map<Tags, long[]> counts = new HashMap<>();
        for (SessionActor a : localSessions.all()) {
            SessionContext s = a.session();
            String bearer = s.bearer();
            Tags tags = Tags.of("state", s.isActive() ? "live" : "retained", "version", s.version().label(),
                    "syntax", String.valueOf(s.syntax()), "bearer", bearer == null ? "unknown" : bearer);
            counts.computeIfAbsent(tags, t -> new long[1])[0]++;
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>(counts.size());
        counts.forEach((tags, n) -> rows.add(MultiGauge.Row.of(tags, n[0])));
        return rows;
    }
}
