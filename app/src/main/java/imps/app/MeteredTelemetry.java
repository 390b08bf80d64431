package imps.app;

import imps.protocol.StatusCode;
import imps.codec.CspSyntax;
import imps.session.EndCause;
import imps.session.cir.CirMethod;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's own counters and histograms in Micrometer, fed through the {@link imps.telemetry.Telemetry} seam
 * (and logged as {@link OperatorLog} does)
 * (docs/operations.md lists every metric). Meters are created on first use and kept, so the hot path
 * does one map lookup and one increment. Status codes outside the status-code table are counted as
 * "other", so no client can grow the number of series.
 */
final class MeteredTelemetry extends OperatorLog {
    /** Latency buckets of the transaction and replica histograms: 1 ms to 10 s. */
    static final Duration[] BUCKETS = {
            Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final Map<String, PrimitiveTimers> transactions = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Counter queued;
    private final Counter queueFull;
    private final Counter forwards;
    private final Counter takeovers;
    private final Counter queueReplicaRefusals;
    private final Timer replicaOk;
    private final Timer replicaFailed;
    private final Counter[] httpByClass = new Counter[6];
    private final Counter pollsEmpty;
    private final Counter pollsCollected;

    MeteredTelemetry(MeterRegistry registry) {
        this.registry = registry;
        this.queued = Counter.builder("imps.queue.queued").description("server-initiated primitives queued for a session")
                .register(registry);
        this.queueFull = Counter.builder("imps.queue.full").description("server-initiated primitives refused: queue full (507)")
                .register(registry);
        this.forwards = Counter.builder("imps.cluster.owner.forwards").description("messages forwarded to the node owning their session")
                .register(registry);
        this.takeovers = Counter.builder("imps.cluster.takeovers").description("sessions taken over from a node that left")
                .register(registry);
        this.queueReplicaRefusals = Counter.builder("imps.cluster.queue.replica.refusals")
                .description("queue changes a replica refused, each followed by the whole queue").register(registry);
        this.replicaOk = replicaTimer("ok");
        this.replicaFailed = replicaTimer("failed");
        // The series of known label values exist from the start, at 0, so rates and alerts see them.
        for (EndCause cause : EndCause.values()) {
            counter(ENDS, ENDS_HELP, "cause", cause.name().toLowerCase(Locale.ROOT));
        }
        this.pollsEmpty = counter(POLLS, POLLS_HELP, "result", "empty");
        this.pollsCollected = counter(POLLS, POLLS_HELP, "result", "collected");
        for (int c = 1; c < httpByClass.length; c++) {
            httpByClass[c] = counter("imps.http.responses", "HTTP bearer answers, by status class", "class", c + "xx");
        }
        counter(DELIVERIES, DELIVERIES_HELP, "cir", "none");
        for (CirMethod method : CirMethod.values()) {
            counter(WAKEUPS, WAKEUPS_HELP, "method", method.name());
            counter(DELIVERIES, DELIVERIES_HELP, "cir", method.name());
        }
        for (CspSyntax syntax : CspSyntax.values()) {
            counter(DECODE, DECODE_HELP, "syntax", syntax.name());
        }
    }

    private static final String ENDS = "imps.session.ends";
    private static final String ENDS_HELP = "sessions ended, by cause";
    private static final String POLLS = "imps.polls";
    private static final String POLLS_HELP = "Polling-Requests, empty or collecting";
    private static final String WAKEUPS = "imps.cir.wakeups";
    private static final String WAKEUPS_HELP = "CIR wake-ups sent, by method";
    private static final String DELIVERIES = "imps.queue.deliveries";
    private static final String DELIVERIES_HELP = "server transactions handed out, by the session's CIR method";
    private static final String DECODE = "imps.decode.failures";
    private static final String DECODE_HELP = "messages that could not be decoded, by syntax";

    private Timer replicaTimer(String result) {
        return Timer.builder("imps.cluster.replica.writes").description("session context replications and their latency")
                .tag("result", result).serviceLevelObjectives(BUCKETS).register(registry);
    }

    /** A counter with one tag pair, created once. */
    private Counter counter(String name, String description, String tag, String value) {
        return counters.computeIfAbsent(name + '\n' + tag + '\n' + value,
                k -> Counter.builder(name).description(description).tag(tag, value).register(registry));
    }

    static String code(int code) {
        return StatusCode.fromCode(code) != null ? Integer.toString(code) : "other";
    }

    @Override
    public void login(LoginKind kind, int code, String userId) {
        super.login(kind, code, userId);
        counters.computeIfAbsent("imps.logins\n" + kind.label() + '\n' + code, k -> Counter.builder("imps.logins")
                .description("Login-Requests answered, by kind and result code")
                .tag("kind", kind.label()).tag("code", code(code)).register(registry)).increment();
    }

    @Override
    public void sessionEnded(EndCause cause, String sessionId, String userId) {
        super.sessionEnded(cause, sessionId, userId);
        counter(ENDS, ENDS_HELP, "cause", cause.name().toLowerCase(Locale.ROOT)).increment();
    }

    @Override
    public void transaction(String primitive, int code, long nanos) {
        PrimitiveTimers timers = transactions.get(primitive);
        if (timers == null) {
            timers = transactions.computeIfAbsent(primitive, PrimitiveTimers::new);
        }
        timers.of(code).record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * One primitive's transaction timers by result code. The 200 timer, which nearly every answer
     * uses, is held in a field: the hot path neither boxes the code nor allocates a lambda.
     */
    private final class PrimitiveTimers {
        private final String primitive;
        private final Timer ok;
        private final Map<Integer, Timer> others = new ConcurrentHashMap<>();

        PrimitiveTimers(String primitive) {
            this.primitive = primitive;
            this.ok = timer(200);
        }

        Timer of(int code) {
            return code == 200 ? ok : others.computeIfAbsent(code, this::timer);
        }

        private Timer timer(int code) {
            return Timer.builder("imps.transactions")
                    .description("client messages answered, by first primitive and result code, with latency")
                    .tag("primitive", primitive).tag("code", code(code)).serviceLevelObjectives(BUCKETS).register(registry);
        }
    }

    @Override
    public void queued() {
        queued.increment();
    }

    @Override
    public void queueFull() {
        queueFull.increment();
    }

    @Override
    public void delivered(String cir) {
        counter(DELIVERIES, DELIVERIES_HELP, "cir", cir).increment();
    }

    @Override
    public void poll(boolean empty) {
        (empty ? pollsEmpty : pollsCollected).increment();
    }

    @Override
    public void cirWakeUp(String method) {
        counter(WAKEUPS, WAKEUPS_HELP, "method", method).increment();
    }

    @Override
    public void ownerForward() {
        forwards.increment();
    }

    @Override
    public void takeover(String sessionId, String fromNode) {
        super.takeover(sessionId, fromNode);
        takeovers.increment();
    }

    @Override
    public void queueReplicaRefused() {
        queueReplicaRefusals.increment();
    }

    @Override
    public void replicaWrite(long nanos, boolean ok) {
        (ok ? replicaOk : replicaFailed).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void httpResponse(int status) {
        int c = status / 100;
        if (c >= 1 && c < httpByClass.length) {
            httpByClass[c].increment();
        }
    }

    @Override
    public void decodeFailure(String syntax) {
        counter(DECODE, DECODE_HELP, "syntax", syntax).increment();
    }
}
