package imps.bench;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Session-level load against a running gateway, over CSP 1.2 XML on HTTP. Non-blocking (Vert.x
 * core client), one event loop: pin it to its own CPU with {@code taskset}.
 *
 * <pre>
 * recovery --host H --port P --sessions N --concurrency C [--rounds R] [--warmup W] [--ttl S]
 *     logs N sessions in (users alice / bob alternately, one Client-ID each), then measures, in R
 *     alternating rounds over slices of the sessions, one KeepAlive-Request per session (the
 *     baseline) and one session recovery per session (the same Login-Request, sent Inband with the
 *     session's Session-ID), each on a NEW TCP connection (HTTP keep-alive off), as a client does
 *     after a bearer switch. Every answer is checked (Result 200, and for recovery the same
 *     Session-ID). Prints a table of p50 / p90 / p99 / p99.9 / max in ms and a JSON line.
 *
 * switch --host H --port P --sessions N --concurrency C [--rounds R] [--warmup W] [--verify V] [--server-pid PID]
 *     the bearer-switch wave: logs N sessions in, warms up like recovery, then per round sends a
 *     KeepAlive for every session (the baseline wave) and then recovers every session (the switch
 *     wave), at most C at a time, each on a NEW TCP connection, as recovery does but over the whole
 *     population at once. Reports each wave's duration and rate, latency percentiles, the gateway's
 *     CPU ms per request (from /proc/PID/stat, with --server-pid), and checks afterwards that V
 *     sessions spread over the population (default 100) answer a KeepAlive under their Session-ID.
 *
 * login --host H --port P --echo-port E --concurrency C [--seconds D] [--warmup W] [--rounds R]
 *       [--digest true|false] [--gateway-pid PID] [--echo-pid PID] [--users K] [--spread A]
 *     the login storm: C virtual clients (client c is user load c with --users K ≥ C, Client-ID
 *     prefix + c; with --spread A every login takes the next of the accounts load0 … load(A-1) in
 *     a scattered order, so each login of a run of fewer than A logins is a different account) each
 *     repeat, back to back, a full login (Login-Request with Password, or with
 *     --digest true the 4-way MD5 challenge and DigestBytes; ClientCapability-Request; Service-Request)
 *     and a Logout-Request, so the per-user session limit never fills. The baseline: the same
 *     clients POST the same login bodies (same count, same bytes) to the echo server on E over the
 *     same pooled keep-alive connections. After W s on each (default 10, not recorded), R rounds
 *     (default 3) of D s (default 20) echo, then D s gateway. Per round: echo sequences/s, full
 *     logins/s, their ratio and the ratio to echo requests/s, CPU ms per cycle of each server (with
 *     the pids); percentiles of the full login and of each request, failures, a JSON line.
 *
 * limit --host H --port P --echo-port E --sessions N --concurrency C [--seconds D] [--warmup W] [--rounds R]
 *       [--witnesses K] [--interval-ms I] [--gateway-pid PID] [--echo-pid PID] [--users U]
 *     a login storm against a full service: logs N sessions in (the gateway's session.maxSessions),
 *     checks that the next login gets 609, then C virtual clients send Login-Requests back to back,
 *     each of which must be refused with 609 (a 200 is a failure: the limit did not hold). The
 *     baseline: the same bodies POSTed to the echo server on E over the same connections. K witness
 *     sessions among the N (default 8) send a KeepAlive every I ms (default 100) through both phases,
 *     so their latency shows what the refusals cost the sessions already in. After W s on each, R
 *     rounds of D s. At the end one session logs out and C logins race for its slot: exactly one
 *     must get it. Prints refusals/s ÷ echo requests/s, percentiles, and a JSON line.
 *
 * steady --host H --port P --echo-port E --sessions N [--interval-ms I] [--seconds D] [--warmup W] [--rounds R]
 *        [--connections C] [--gateway-pid PID] [--echo-pid PID] [--users K]
 *     the steady state of N idle sessions: logs them in (--concurrency at a time), then every session
 *     sends a KeepAlive-Request every I ms (default 1000), the sends spread evenly over the interval,
 *     at most one in flight per session, over pooled keep-alive connections (at most C, default 64).
 *     The baseline: the same schedule of the same bodies (same Session-IDs, byte for byte) POSTed to
 *     the echo server on E. After W s on each (default 10, not recorded), R rounds (default 3) of D s
 *     (default 20) echo, then D s gateway. Per round: echo requests/s, KeepAlives/s, CPU ms per
 *     request of each server and their ratio, the tool's CPU, slots skipped because the session's
 *     previous request was unanswered, failures; then percentiles of both and a JSON line.
 *
 * idle --host H --port P --cir-port Q --sessions N --cir true|false [--concurrency C] [--ttl S]
 *     logs N sessions in; with --cir true also negotiates STCP (ClientCapability-Request) and opens
 *     one standalone TCP CIR connection per session (HELO, expects OK), keeps everything open,
 *     prints "READY n sessions, m cir sockets" and waits until killed.
 *
 * warmup --host H --port P --cir-port Q --sessions N [--cir true|false]
 *     logs N sessions in, negotiates, says HELO over TCP CIR (with --cir true), logs them out and
 *     exits: loads the gateway's classes before a memory baseline.
 *
 * relay --host H --port P --pairs N --messages M --concurrency C --mode poll|cir --cir-port Q
 *       [--warmup W] [--timeout S] [--keepalive-every K] [--user-prefix U] [--burst B] [--rounds R] [--keepalives K]
 *       [--gateway-pid PID]
 *     one-to-one instant messages from N sender sessions to N receiver sessions, one pair per
 *     generated account pair: sender i is user U+i, receiver i is user U+(N+i) (default U = "u", so
 *     the gateway needs a users file with u0 … u(2N-1), password secret). Every session negotiates
 *     capabilities (receivers in cir mode: STCP) and all services (NEWM agreed). Sender i sends M
 *     SendMessage-Requests (DeliveryReport F, text/plain) to wv:U(N+i), at most C in flight over
 *     all senders, and a KeepAlive-Request before every K-th message (default 10) on the same
 *     connections: the in-run baseline. With --burst B (M a multiple of B) each sender sends its
 *     messages B at a time, back to back, so several wait in each receiver's queue at once.
 *     Receivers keep one request in flight each: in poll mode they loop Polling-Request, answering
 *     each NewMessage with MessageDelivered (Response, same Transaction-ID) and polling again while
 *     the last server message said Poll T; in cir mode they hold a TCP CIR connection (HELO) and poll
 *     only after a WVCI line, then as long as Poll T says more waits. Latency is from just before the sender's POST (the time is in
 *     ContentData) to the receiver holding the NewMessage. Warm-up rounds (P x W KeepAlives, then W
 *     messages per pair; default W = M) run first and are not recorded, repeated (at most 6) until the
 *     gateway's CPU per message settles. Lost = sent with 200 but not received
 *     within S s (default 30) after the last send; duplicates = a MessageID, a sent message, or a
 *     server Transaction-ID (among a receiver's last 500) received twice. Then R measured rounds
 *     (--rounds, default 2), each a KeepAlive phase (--keepalives K KeepAlive-Requests of the senders,
 *     default 5 x P x M, C in flight) and a relay round of M messages per pair; with --gateway-pid the gateway's CPU time
 *     (/proc/PID/stat) is read around each, giving CPU per KeepAlive and CPU per relayed message
 *     (less the KeepAlives sent during the round) and their ratio. Prints a table (ms) and a JSON line.
 *
 * failover --host H --port P --survivor-ports P1,P2 --victim-pid PID --sessions N --users K (K > N)
 *          [--queued Q] [--interval-ms I] [--warmup W] [--before B] [--after A] [--timeout T] [--concurrency C]
 *     logs N sessions in through the node on P (the victim: it owns them), as load0 … load(N-1), and
 *     negotiates their services; a sender session load N on P1 queues Q messages (default 3) for each.
 *     Then each session sends a KeepAlive through P1, P2 … in turn, waits I ms (default 2000) after
 *     the answer, and again. After W s (default 5) the latencies are recorded (the baseline), after
 *     B s more (default 10) the tool kills the victim process with SIGKILL and records, per session,
 *     the time from the kill (and from its first request after the kill) to its first success; it
 *     waits until every session succeeded (at most T s, default 60) and A s more (default 10). Then
 *     the sender sends one more message to each, and each session polls its queue through its
 *     survivor: lost, duplicated and unexpected messages are counted. Prints a table and a JSON line.
 *
 * drain --host H --port P --mgmt-port M --survivor-ports P1,P2 --sessions N --users K
 *       [--concurrency C] [--during-concurrency D]
 *     logs N sessions in through the node on P (the one to drain), each asking a TimeToLive of its
 *     own, and sends each a KeepAlive through P1, P2 … (forwarded to P); then POSTs /admin/drain to M
 *     and times it while D clients (default 4) keep sending KeepAlives through P1, P2 …; then sends
 *     each session a KeepAlive through P1, P2 … again, which must answer 200 with the KeepAliveTime
 *     that session asked for. Prints the times and rates, the login time as the baseline, and a JSON
 *     line.
 *
 * scale --host H --port P --sessions N [--checkpoints N1,N2,…] [--concurrency C] [--rate R] [--seconds D]
 *       [--gateway-pid PID] [--ttl S] [--users K]
 *     logs N idle sessions in (default 1 000 000, C at a time, default 64); at each checkpoint
 *     (default 10 000 and N) R KeepAlives/s (default 2 000) for D s (default 20) to random sessions,
 *     open loop, and the gateway's heap after a full GC (jcmd). See {@link IdleScale}.
 *
 * fanout --host H --port P --cir-port Q --mode group|presence [--members N] [--senders S] [--messages M]
 *        [--items F] [--concurrency C] [--rounds R] [--warmup W] [--timeout S] [--gateway-pid PID] [--user-prefix U]
 *     group: N sessions (default 50) join one group, S of them (default C) send group messages, each
 *     reaching the N-1 others; presence: N watchers (default 100) subscribe to S publishers, each
 *     UpdatePresence reaching all N. Each round: M one-to-one messages (default 2000), then F fan-out
 *     requests (default about M copies), the gateway's CPU per delivered copy of each and their ratio.
 *     Sessions are users U0 … (default U = "f"): N, plus S publishers in presence mode. See {@link FanOut}.
 * </pre>
 *
 * <p>Common options: {@code --ttl S} (TimeToLive asked at login, default 3600), {@code --client-prefix P}
 * (Client-ID URLs are P + index), {@code --users K} (spread the sessions over the accounts load0 …
 * load(K-1), password secret, instead of alice / bob: the gateway must be given such a users file).
 */
public final class SessionLoad {
    /** NetClients whose connections the idle mode holds open until the process ends. */
    private final List<NetClient> heldClients = new ArrayList<>();

    private static final String NS = "http://www.openmobilealliance.org/DTD/WV-CSP1.2";
    private static final String TRC = "http://www.openmobilealliance.org/DTD/WV-TRC1.2";
    private static final String CONTENT_TYPE = "application/vnd.wv.csp.xml";
    private static final String[] USERS = {"alice", "bob"};
    private static final String PASSWORD = "secret";
    private static final int MAX_SAMPLES = 5;

    private final Vertx vertx;
    private final Map<String, String> opts;
    private final String host;
    private final int port;
    private final String path;
    private final int ttl;
    private final String clientPrefix;
    private final int users;
    private final ConcurrentLinkedQueue<String> failureSamples = new ConcurrentLinkedQueue<>();
    /** relay: sessions log in as this prefix + index instead of {@link #user(int)}'s accounts. */
    String userPrefix;
    /** drain: session i asks for TimeToLive --ttl minus i modulo this, so a moved context can be told apart. */
    private int ttlSpread = 1;
    /** login: the accounts load0 … load(spread-1) the logins walk through (0: client c is always account c). */
    private int spread;
    private final AtomicLong logins = new AtomicLong();

    private SessionLoad(Vertx vertx, Map<String, String> opts) {
        this.vertx = vertx;
        this.opts = opts;
        this.host = opts.getOrDefault("host", "127.0.0.1");
        this.port = Integer.parseInt(opts.getOrDefault("port", "8080"));
        this.path = opts.getOrDefault("path", "/imps");
        this.ttl = Integer.parseInt(opts.getOrDefault("ttl", "3600"));
        this.clientPrefix = opts.getOrDefault("client-prefix", "sl" + ProcessHandle.current().pid() + "-");
        this.users = Integer.parseInt(opts.getOrDefault("users", "0"));
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        String command = args[0];
        Map<String, String> opts = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                usage();
            }
            opts.put(args[i].substring(2), args[++i]);
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setBlockedThreadCheckInterval(10).setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS));
        SessionLoad load = new SessionLoad(vertx, opts);
        int status;
        switch (command) {
            case "recovery" -> status = load.recovery();
            case "switch" -> status = load.switchWave();
            case "login" -> status = load.loginStorm();
            case "limit" -> status = load.sessionLimit();
            case "steady" -> status = load.steady();
            case "idle" -> status = load.idle();
            case "warmup" -> status = load.warmup();
            case "relay" -> status = load.relay();
            case "failover" -> status = load.failover();
            case "drain" -> status = load.drain();
            case "fanout" -> status = load.fanOut();
            case "scale" -> status = load.scale();
            default -> {
                usage();
                status = 2;
            }
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        System.exit(status);
    }

    private static void usage() {
        System.err.println("""
                usage: SessionLoad recovery --host H --port P --sessions N --concurrency C [--rounds R] [--warmup W] [--ttl S]
                       SessionLoad switch --host H --port P --sessions N --concurrency C [--rounds R] [--warmup W]
                                         [--verify V] [--server-pid PID]
                       SessionLoad login --host H --port P --echo-port E --concurrency C [--seconds D] [--warmup W]
                                         [--rounds R] [--digest true|false] [--gateway-pid PID] [--echo-pid PID]
                                         [--spread A]
                       SessionLoad limit --host H --port P --echo-port E --sessions N --concurrency C [--seconds D]
                                         [--warmup W] [--rounds R] [--witnesses K] [--interval-ms I] [--gateway-pid PID]
                                         [--echo-pid PID]
                       SessionLoad steady --host H --port P --echo-port E --sessions N [--interval-ms I] [--seconds D]
                                         [--warmup W] [--rounds R] [--connections C] [--gateway-pid PID] [--echo-pid PID]
                       SessionLoad idle --host H --port P --cir-port Q --sessions N --cir true|false [--concurrency C] [--ttl S]
                       SessionLoad warmup --host H --port P --cir-port Q --sessions N [--cir true|false]
                       SessionLoad relay --host H --port P --pairs N --messages M --concurrency C --mode poll|cir --cir-port Q
                                         [--warmup W] [--timeout S] [--keepalive-every K] [--user-prefix U] [--rounds R]
                                         [--keepalives K] [--gateway-pid PID] [--burst B]
                       SessionLoad failover --host H --port P --survivor-ports P1,P2 --victim-pid PID --sessions N --users K
                                         [--queued Q] [--interval-ms I] [--warmup W] [--before B] [--after A] [--timeout T]
                                         [--concurrency C]
                       SessionLoad drain --host H --port P --mgmt-port M --survivor-ports P1,P2 --sessions N --users K
                                         [--concurrency C] [--during-concurrency D]
                       SessionLoad scale --host H --port P --sessions N [--checkpoints N1,N2,…] [--concurrency C]
                                         [--rate R] [--seconds D] [--gateway-pid PID] [--ttl S] [--users K]
                       SessionLoad fanout --host H --port P --cir-port Q --mode group|presence [--members N] [--senders S]
                                         [--messages M] [--items F] [--concurrency C] [--rounds R] [--warmup W]
                                         [--timeout S] [--gateway-pid PID] [--user-prefix U]
                common: [--ttl S] [--client-prefix P] [--users K]""");
        System.exit(2);
    }

    /**
     * The phases of a run against the echo baseline: D s per phase (--seconds, default 20), W s of
     * warm-up on each server (--warmup, default 10), R rounds (--rounds, default 3), the echo server's
     * port and the pids whose CPU time is read (0: not read).
     */
    private record EchoRounds(double seconds, double warmup, int rounds, int echoPort, long gatewayPid, long echoPid) {
    }

    private EchoRounds echoRounds() {
        return new EchoRounds(Double.parseDouble(opts.getOrDefault("seconds", "20")),
                Double.parseDouble(opts.getOrDefault("warmup", "10")), Math.max(1, intOpt("rounds", 3)),
                Integer.parseInt(required("echo-port")), Long.parseLong(opts.getOrDefault("gateway-pid", "0")),
                Long.parseLong(opts.getOrDefault("echo-pid", "0")));
    }

    private int intOpt(String name, int def) {
        return Integer.parseInt(opts.getOrDefault(name, Integer.toString(def)));
    }

    // ---------------------------------------------------------------- recovery

    private int recovery() throws Exception {
        int n = intOpt("sessions", 10000);
        int concurrency = intOpt("concurrency", 32);
        int rounds = Math.max(1, Math.min(intOpt("rounds", 5), n));
        int warmup = Math.min(intOpt("warmup", Math.min(n, 2000)), n);

        NetClient fresh = vertx.createNetClient(new NetClientOptions().setConnectTimeout(30000).setTcpNoDelay(true));
        AtomicInteger loginFailures = new AtomicInteger();
        String[] sids = logInAndWarmUp(fresh, n, concurrency, warmup, loginFailures);
        if (sids == null) {
            return 1;
        }

        Histogram ka = histogram();
        Histogram rec = histogram();
        AtomicInteger kaFailures = new AtomicInteger();
        AtomicInteger recFailures = new AtomicInteger();
        long kaNanos = 0;
        long recNanos = 0;
        for (int r = 0; r < rounds; r++) {
            int from = (int) ((long) n * r / rounds);
            int to = (int) ((long) n * (r + 1) / rounds);
            long s = System.nanoTime();
            await(runAll(to - from, concurrency, k -> keepAlive(fresh, from + k, sids[from + k], ka, kaFailures)));
            long m = System.nanoTime();
            await(runAll(to - from, concurrency, k -> recover(fresh, from + k, sids[from + k], rec, recFailures)));
            long e = System.nanoTime();
            kaNanos += m - s;
            recNanos += e - m;
        }
        await(fresh.close());

        double kaRate = n / (kaNanos / 1e9);
        double recRate = n / (recNanos / 1e9);
        System.out.println();
        System.out.printf(Locale.ROOT, "%d sessions, concurrency %d, %d rounds, a new TCP connection per request (Connection: close)%n",
                n, concurrency, rounds);
        System.out.printf(Locale.ROOT, "%-11s %8s %8s %8s %8s %8s %9s %9s%n",
                "ms", "p50", "p90", "p99", "p99.9", "max", "req/s", "failures");
        row("keep-alive", ka, kaRate, kaFailures.get());
        row("recovery", rec, recRate, recFailures.get());
        double r50 = ms(rec, 50) / ms(ka, 50);
        double r99 = ms(rec, 99) / ms(ka, 99);
        System.out.printf(Locale.ROOT, "ratio recovery/keep-alive: p50 %.2f, p99 %.2f%n", r50, r99);
        System.out.printf(Locale.ROOT, "failures: login %d, keep-alive %d, recovery %d%n",
                loginFailures.get(), kaFailures.get(), recFailures.get());
        printSamples();
        System.out.printf(Locale.ROOT,
                "JSON {\"bench\":\"recovery\",\"sessions\":%d,\"concurrency\":%d,\"rounds\":%d,\"keepalive\":%s,\"recovery\":%s,"
                        + "\"ratio_p50\":%.3f,\"ratio_p99\":%.3f,\"failures\":{\"login\":%d,\"keepalive\":%d,\"recovery\":%d}}%n",
                n, concurrency, rounds, json(ka, kaRate), json(rec, recRate), r50, r99,
                loginFailures.get(), kaFailures.get(), recFailures.get());
        return loginFailures.get() + kaFailures.get() + recFailures.get() == 0 ? 0 : 1;
    }

    /**
     * Logs the sessions in, then sends {@code warmup} of them a KeepAlive on a new connection each;
     * null (after printing the failure samples) when no login succeeded.
     */
    private String[] logInAndWarmUp(NetClient fresh, int n, int concurrency, int warmup, AtomicInteger loginFailures)
            throws Exception {
        String[] sids = loginAll(n, concurrency, loginFailures);
        if (loginFailures.get() == n) {
            printSamples();
            return null;
        }
        warmUpFresh(fresh, sids, warmup, concurrency);
        return sids;
    }

    /** Logs sessions 0 … n-1 in over pooled keep-alive connections; their Session-IDs, null where it failed. */
    private String[] loginAll(int n, int concurrency, AtomicInteger failures) throws Exception {
        HttpClient pooled = httpClient(concurrency, true);
        LoggedIn in = logInAll(pooled, n, concurrency, failures);
        System.out.printf(Locale.ROOT, "logged in %d sessions in %.1f s (%.0f logins/s), %d failures%n",
                n - failures.get(), in.seconds(), n / in.seconds(), failures.get());
        await(pooled.close());
        return in.sids();
    }

    /** Session-IDs by index (null where the login failed) and how long logging them all in took. */
    private record LoggedIn(String[] sids, double seconds) {
    }

    /** Logs sessions 0 … n-1 in through {@code client}, counting failures, with a progress line. */
    private LoggedIn logInAll(HttpClient client, int n, int concurrency, AtomicInteger failures) throws Exception {
        String[] sids = new String[n];
        AtomicInteger loggedIn = new AtomicInteger();
        long t0 = System.nanoTime();
        long progress = progress("logged in", loggedIn, n, t0);
        await(runAll(n, concurrency, i -> login(client, i).andThen(ar -> {
            loggedIn.incrementAndGet();
            if (ar.succeeded()) {
                sids[i] = ar.result();
            } else {
                failures.incrementAndGet();
                sample("login " + i + ": " + ar.cause().getMessage());
            }
        })));
        vertx.cancelTimer(progress);
        return new LoggedIn(sids, (System.nanoTime() - t0) / 1e9);
    }

    /** A KeepAlive and a recovery on new connections for the first {@code count} sessions, not recorded: JIT, connection set-up. */
    private void warmUpFresh(NetClient fresh, String[] sids, int count, int concurrency) throws Exception {
        Histogram scratch = histogram();
        AtomicInteger scratchFailures = new AtomicInteger();
        await(runAll(count, concurrency, i -> keepAlive(fresh, i, sids[i], scratch, scratchFailures)));
        await(runAll(count, concurrency, i -> recover(fresh, i, sids[i], scratch, scratchFailures)));
        if (scratchFailures.get() > 0) {
            System.out.printf(Locale.ROOT, "warm-up: %d failures%n", scratchFailures.get());
            printSamples();
        }
        failureSamples.clear();
    }

    private Future<Void> keepAlive(NetClient client, int i, String sid, Histogram h, AtomicInteger failures) {
        if (sid == null) {
            return Future.succeededFuture();
        }
        Buffer request = freshRequest(inband(sid, i, "<KeepAlive-Request/>"));
        long start = System.nanoTime();
        return postFresh(client, request).transform(ar -> {
            long micros = (System.nanoTime() - start) / 1000;
            String problem = ar.failed() ? ar.cause().toString() : check(ar.result(), "KeepAlive-Response", null);
            record(h, micros, problem, failures, "keep-alive " + i);
            return Future.succeededFuture();
        });
    }

    private Future<Void> recover(NetClient client, int i, String sid, Histogram h, AtomicInteger failures) {
        if (sid == null) {
            return Future.succeededFuture();
        }
        Buffer request = freshRequest(loginRequest(i, sid));
        long start = System.nanoTime();
        return postFresh(client, request).transform(ar -> {
            long micros = (System.nanoTime() - start) / 1000;
            String problem = ar.failed() ? ar.cause().toString() : check(ar.result(), "Login-Response", sid);
            record(h, micros, problem, failures, "recovery " + i);
            return Future.succeededFuture();
        });
    }

    void record(Histogram h, long micros, String problem, AtomicInteger failures, String what) {
        if (problem != null) {
            failures.incrementAndGet();
            sample(what + ": " + problem);
            return;
        }
        recordLatency(h, micros);
    }

    /** Null when the answer carries {@code primitive} with Result 200 (and, if given, that Session-ID). */
    static String check(String xml, String primitive, String expectedSid) {
        int at = xml.indexOf("<" + primitive + ">");
        if (at < 0) {
            return "no " + primitive + ": " + abbreviate(xml);
        }
        String code = between(xml, "<Code>", "</Code>", at);
        if (!"200".equals(code)) {
            return "Result " + code + " " + between(xml, "<Description>", "</Description>", at);
        }
        if (expectedSid != null) {
            String sid = between(xml, "<SessionID>", "</SessionID>", at);
            if (!expectedSid.equals(sid)) {
                return "SessionID " + sid + " instead of " + expectedSid;
            }
        }
        return null;
    }

    /** Warm-up rounds at most, however unsteady the CPU figures stay. */
    static final int MAX_WARMUP_ROUNDS = 6;

    /** The last two of a series of CPU figures per operation are within 15 % of each other: the JIT has settled. */
    static boolean settled(List<Double> cpuPerOperation) {
        int n = cpuPerOperation.size();
        return n >= 2 && Math.abs(cpuPerOperation.get(n - 1) - cpuPerOperation.get(n - 2)) <= 0.15 * cpuPerOperation.get(n - 2);
    }

    /** Records a latency, clamped to the histogram's range. */
    static void recordLatency(Histogram h, long micros) {
        synchronized (h) {
            h.recordValue(Math.max(1, Math.min(micros, h.getHighestTrackableValue())));
        }
    }

    /**
     * Completes once {@code answer} came with {@code primitive} and, when it carries a Result, Code 200;
     * otherwise counts a failure with a sample. Never fails.
     */
    static Future<Void> checked(Future<String> answer, String primitive, String what, AtomicInteger failures, SessionLoad load) {
        return answer.transform(ar -> {
            String problem = ar.failed() ? ar.cause().toString()
                    : !ar.result().contains("<" + primitive) ? "no " + primitive + ": " + abbreviate(ar.result())
                    : ar.result().contains("<Code>") && !"200".equals(between(ar.result(), "<Code>", "</Code>", 0))
                    ? "Result " + between(ar.result(), "<Code>", "</Code>", 0) + ": " + abbreviate(ar.result()) : null;
            if (problem != null) {
                failures.incrementAndGet();
                load.sample(what + ": " + problem);
            }
            return Future.succeededFuture();
        });
    }

    static Histogram histogram() {
        return new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
    }

    static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    private static void row(String name, Histogram h, double rate, int failures) {
        System.out.printf(Locale.ROOT, "%-11s %8.3f %8.3f %8.3f %8.3f %8.3f %9.0f %9d%n", name,
                ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1000.0, rate, failures);
    }

    static String json(Histogram h, double rate) {
        return String.format(Locale.ROOT,
                "{\"count\":%d,\"p50_ms\":%.3f,\"p90_ms\":%.3f,\"p99_ms\":%.3f,\"p999_ms\":%.3f,\"max_ms\":%.3f,\"req_per_s\":%.0f}",
                h.getTotalCount(), ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1000.0, rate);
    }

    // ---------------------------------------------------------------- switch (bearer-switch wave)

    private int switchWave() throws Exception {
        int n = intOpt("sessions", 5000);
        int concurrency = intOpt("concurrency", 32);
        int rounds = Math.max(1, intOpt("rounds", 1));
        int warmup = Math.min(intOpt("warmup", Math.min(n, 1000)), n);
        int verify = Math.min(intOpt("verify", 100), n);
        long serverPid = Long.parseLong(opts.getOrDefault("server-pid", "0"));

        NetClient fresh = vertx.createNetClient(new NetClientOptions().setConnectTimeout(30000).setTcpNoDelay(true));
        AtomicInteger loginFailures = new AtomicInteger();
        String[] sids = logInAndWarmUp(fresh, n, concurrency, warmup, loginFailures);
        if (sids == null) {
            return 1;
        }

        // Each round: every session sends a KeepAlive on a new connection (the baseline wave), then
        // every session recovers on a new connection (the switch wave). Whole waves, not slices: the
        // question is how long the gateway takes to see its whole population come back.
        Histogram ka = histogram();
        Histogram rec = histogram();
        AtomicInteger kaFailures = new AtomicInteger();
        AtomicInteger recFailures = new AtomicInteger();
        double[] kaWave = new double[rounds];
        double[] recWave = new double[rounds];
        long kaTicks = 0;
        long recTicks = 0;
        for (int r = 0; r < rounds; r++) {
            long c0 = cpuTicks(serverPid);
            long s = System.nanoTime();
            await(runAll(n, concurrency, i -> keepAlive(fresh, i, sids[i], ka, kaFailures)));
            long m = System.nanoTime();
            long c1 = cpuTicks(serverPid);
            await(runAll(n, concurrency, i -> recover(fresh, i, sids[i], rec, recFailures)));
            long e = System.nanoTime();
            long c2 = cpuTicks(serverPid);
            kaWave[r] = (m - s) / 1e9;
            recWave[r] = (e - m) / 1e9;
            kaTicks += c1 - c0;
            recTicks += c2 - c1;
            System.out.printf(Locale.ROOT, "round %d: keep-alive wave %.2f s (%.0f/s), switch wave %.2f s (%.0f/s), ratio %.2f%n",
                    r + 1, kaWave[r], n / kaWave[r], recWave[r], n / recWave[r], recWave[r] / kaWave[r]);
        }

        // After the waves, sessions spread over the population must still answer under their Session-ID.
        Histogram after = histogram();
        AtomicInteger verifyFailures = new AtomicInteger();
        await(runAll(verify, concurrency, k -> {
            int i = (int) ((long) k * n / verify);
            return keepAlive(fresh, i, sids[i], after, verifyFailures);
        }));
        await(fresh.close());

        int live = n - loginFailures.get();
        double kaSeconds = Arrays.stream(kaWave).sum();
        double recSeconds = Arrays.stream(recWave).sum();
        double kaRate = (double) live * rounds / kaSeconds;
        double recRate = (double) live * rounds / recSeconds;
        double kaCpu = cpuMillisPer(kaTicks, (long) live * rounds, serverPid);
        double recCpu = cpuMillisPer(recTicks, (long) live * rounds, serverPid);
        System.out.println();
        System.out.printf(Locale.ROOT, "%d sessions, concurrency %d, %d round(s), every request on a new TCP connection (Connection: close)%n",
                n, concurrency, rounds);
        System.out.printf(Locale.ROOT, "%-11s %8s %8s %8s %8s %8s %9s %9s %10s %12s%n",
                "ms", "p50", "p90", "p99", "p99.9", "max", "req/s", "failures", "wave s", "server cpu ms");
        System.out.printf(Locale.ROOT, "%-11s %8.3f %8.3f %8.3f %8.3f %8.3f %9.0f %9d %10.2f %12.3f%n", "keep-alive",
                ms(ka, 50), ms(ka, 90), ms(ka, 99), ms(ka, 99.9), ka.getMaxValue() / 1000.0, kaRate, kaFailures.get(),
                kaSeconds / rounds, kaCpu);
        System.out.printf(Locale.ROOT, "%-11s %8.3f %8.3f %8.3f %8.3f %8.3f %9.0f %9d %10.2f %12.3f%n", "switch",
                ms(rec, 50), ms(rec, 90), ms(rec, 99), ms(rec, 99.9), rec.getMaxValue() / 1000.0, recRate, recFailures.get(),
                recSeconds / rounds, recCpu);
        System.out.printf(Locale.ROOT, "ratio switch/keep-alive: wave %.2f, p50 %.2f, p99 %.2f, server cpu %.2f%n",
                recSeconds / kaSeconds, ms(rec, 50) / ms(ka, 50), ms(rec, 99) / ms(ka, 99), recCpu / kaCpu);
        System.out.printf(Locale.ROOT, "verified after the waves: %d of %d sampled sessions answer a KeepAlive under their Session-ID%n",
                after.getTotalCount(), verify);
        System.out.printf(Locale.ROOT, "failures: login %d, keep-alive %d, switch %d, verify %d%n",
                loginFailures.get(), kaFailures.get(), recFailures.get(), verifyFailures.get());
        printSamples();
        System.out.printf(Locale.ROOT,
                "JSON {\"bench\":\"switch\",\"sessions\":%d,\"concurrency\":%d,\"rounds\":%d,\"keepalive\":%s,\"switch\":%s,"
                        + "\"keepalive_wave_s\":%s,\"switch_wave_s\":%s,\"server_cpu_ms\":{\"keepalive\":%.3f,\"switch\":%.3f},"
                        + "\"ratio_wave\":%.3f,\"ratio_p50\":%.3f,\"ratio_p99\":%.3f,\"verified\":%d,"
                        + "\"failures\":{\"login\":%d,\"keepalive\":%d,\"switch\":%d,\"verify\":%d}}%n",
                n, concurrency, rounds, json(ka, kaRate), json(rec, recRate), jsonArray(kaWave), jsonArray(recWave),
                kaCpu, recCpu, recSeconds / kaSeconds, ms(rec, 50) / ms(ka, 50), ms(rec, 99) / ms(ka, 99),
                after.getTotalCount(), loginFailures.get(), kaFailures.get(), recFailures.get(), verifyFailures.get());
        return loginFailures.get() + kaFailures.get() + recFailures.get() + verifyFailures.get() == 0 ? 0 : 1;
    }

    // ---------------------------------------------------------------- login storm

    /** One timed request of a login cycle: its round trips and failures. */
    private static final class Step {
        final String name;
        final Histogram h = histogram();
        final AtomicInteger failures = new AtomicInteger();

        Step(String name) {
            this.name = name;
        }
    }

    /** What one phase of the storm (gateway or echo, one round) measured. */
    private static final class Storm {
        final Step challenge = new Step("challenge");
        final Step login = new Step("login");
        final Step capability = new Step("capability");
        final Step service = new Step("service");
        final Step logout = new Step("logout");
        final Histogram full = histogram();
        final AtomicInteger cycles = new AtomicInteger();
        final AtomicInteger failedCycles = new AtomicInteger();
        double seconds;
        long serverTicks;
        long toolTicks;

        List<Step> steps(boolean digest) {
            return digest ? all() : List.of(login, capability, service, logout);
        }

        List<Step> all() {
            return List.of(challenge, login, capability, service, logout);
        }

        double rate() {
            return cycles.get() / seconds;
        }

        void addTo(Storm total) {
            List<Step> mine = all();
            List<Step> theirs = total.all();
            for (int k = 0; k < mine.size(); k++) {
                theirs.get(k).h.add(mine.get(k).h);
                theirs.get(k).failures.addAndGet(mine.get(k).failures.get());
            }
            total.full.add(full);
            total.cycles.addAndGet(cycles.get());
            total.failedCycles.addAndGet(failedCycles.get());
            total.seconds += seconds;
            total.serverTicks += serverTicks;
            total.toolTicks += toolTicks;
        }
    }

    private static final String CAPABILITY_REQUEST = "<ClientCapability-Request><CapabilityList><SupportedBearer>HTTP"
            + "</SupportedBearer></CapabilityList></ClientCapability-Request>";
    /** Linux's USER_HZ, which /proc reports CPU time in: 100 on every common build. */
    private static final double TICKS_PER_SECOND = 100;
    /** Stands in for a Session-ID in the echo requests: as long as the gateway's (128 bits, URL-safe Base64). */
    private static final String ECHO_SID = "x".repeat(22);

    private int loginStorm() throws Exception {
        int concurrency = intOpt("concurrency", 32);
        EchoRounds phases = echoRounds();
        boolean digest = Boolean.parseBoolean(opts.getOrDefault("digest", "false"));
        if (users > 0 && users < concurrency) {
            System.err.println("login needs --users of at least --concurrency: virtual client c is load<c>");
            return 2;
        }
        spread = intOpt("spread", 0);
        int requests = digest ? 4 : 3;

        // One pooled keep-alive connection per virtual client, to either server: the same client code
        // and connection reuse on both sides, so the ratio compares the servers.
        HttpClient client = httpClient(concurrency, true);
        System.out.printf(Locale.ROOT, "warm-up: %.0f s echo, %.0f s gateway (not recorded)%n", phases.warmup(), phases.warmup());
        Cycle toEcho = (c, st) -> echoCycle(client, phases.echoPort(), c, digest, st);
        Cycle toGateway = (c, st) -> loginCycle(client, port, c, digest, st);
        storm(concurrency, phases.warmup(), phases.echoPid(), toEcho);
        Storm warm = storm(concurrency, phases.warmup(), phases.gatewayPid(), toGateway);
        if (warm.cycles.get() == 0) {
            System.out.println("warm-up: no full login succeeded");
            printSamples();
            return 1;
        }
        failureSamples.clear();

        Storm echoTotal = new Storm();
        Storm gatewayTotal = new Storm();
        double[] ratios = new double[phases.rounds()];
        double[] perTransaction = new double[phases.rounds()];
        System.out.println();
        System.out.printf(Locale.ROOT, "%d virtual clients, %.0f s per phase, %s login (%d requests) + logout, servers on HTTP keep-alive%n",
                concurrency, phases.seconds(), digest ? "4-way digest" : "2-way password", requests);
        System.out.printf(Locale.ROOT, "%-5s %12s %10s %12s %10s %10s %14s %14s %9s %9s%n", "round", "echo seq/s", "echo req/s",
                "logins/s", "÷ seq", "÷ req", "gw cpu ms/login", "echo cpu ms/seq", "tool cpu", "failures");
        StringBuilder roundsJson = new StringBuilder();
        for (int r = 0; r < phases.rounds(); r++) {
            Storm echo = storm(concurrency, phases.seconds(), phases.echoPid(), toEcho);
            Storm gw = storm(concurrency, phases.seconds(), phases.gatewayPid(), toGateway);
            echo.addTo(echoTotal);
            gw.addTo(gatewayTotal);
            ratios[r] = gw.rate() / echo.rate();
            perTransaction[r] = gw.rate() / (echo.rate() * requests);
            double gwCpu = cpuMillisPer(gw.serverTicks, gw.cycles.get(), phases.gatewayPid());
            double echoCpu = cpuMillisPer(echo.serverTicks, echo.cycles.get(), phases.echoPid());
            String toolCpu = String.format(Locale.ROOT, "%.0f%%/%.0f%%",
                    100 * ticksToSeconds(echo.toolTicks) / echo.seconds, 100 * ticksToSeconds(gw.toolTicks) / gw.seconds);
            System.out.printf(Locale.ROOT, "%-5d %12.0f %10.0f %12.1f %10.3f %10.3f %14.3f %14.3f %9s %9d%n", r + 1,
                    echo.rate(), echo.rate() * requests, gw.rate(), ratios[r], perTransaction[r], gwCpu, echoCpu, toolCpu,
                    gw.failedCycles.get() + echo.failedCycles.get());
            roundsJson.append(r == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"echo_seq_per_s\":%.1f,\"logins_per_s\":%.1f,\"ratio_seq\":%.4f,\"ratio_req\":%.4f,"
                            + "\"gateway_cpu_ms_per_login\":%.3f,\"echo_cpu_ms_per_seq\":%.3f,\"failed\":%d}",
                    echo.rate(), gw.rate(), ratios[r], perTransaction[r], gwCpu, echoCpu, gw.failedCycles.get()));
        }
        double medianSeq = median(ratios);
        double medianReq = median(perTransaction);
        // When the load tool saturates its core on the echo phases, the echo rate is the tool's limit,
        // not the server's: the ratio of server CPU per cycle does not depend on the client.
        double cpuSeq = cpuMillisPer(echoTotal.serverTicks, echoTotal.cycles.get(), phases.echoPid())
                / cpuMillisPer(gatewayTotal.serverTicks, gatewayTotal.cycles.get(), phases.gatewayPid());
        System.out.println();
        System.out.printf(Locale.ROOT, "%-11s %8s %8s %8s %8s %8s %9s %9s%n",
                "ms", "p50", "p90", "p99", "p99.9", "max", "count", "failures");
        row("full login", gatewayTotal.full, gatewayTotal.full.getTotalCount(), gatewayTotal.failedCycles.get());
        for (Step s : gatewayTotal.steps(digest)) {
            row("  " + s.name, s.h, s.h.getTotalCount(), s.failures.get());
        }
        row("echo seq", echoTotal.full, echoTotal.full.getTotalCount(), echoTotal.failedCycles.get());
        System.out.println("(full login: from the first Login-Request to the Service-Response; the logout follows it,"
                + " outside that time but inside the cycle rate)");
        System.out.printf(Locale.ROOT, "median ratio full logins/s ÷ echo %d-request sequences/s: %.3f; ÷ echo requests/s: %.3f"
                + " (target ≥ 0.2)%n", requests, medianSeq, medianReq);
        System.out.printf(Locale.ROOT, "by server CPU per cycle (all rounds): echo sequence ÷ full login %.4f, ÷ per echo request %.4f%n",
                cpuSeq, cpuSeq / requests);
        printSamples();
        System.out.printf(Locale.ROOT,
                "JSON {\"bench\":\"login\",\"concurrency\":%d,\"seconds\":%.0f,\"rounds\":%d,\"digest\":%b,\"rounds_detail\":[%s],"
                        + "\"full\":%s,%s,\"echo\":%s,\"median_ratio_seq\":%.4f,\"median_ratio_req\":%.4f,\"cpu_ratio_seq\":%.4f,"
                        + "\"failures\":{\"gateway\":%d,\"echo\":%d}}%n",
                concurrency, phases.seconds(), phases.rounds(), digest, roundsJson,
                json(gatewayTotal.full, gatewayTotal.rate()), stepsJson(gatewayTotal, digest),
                json(echoTotal.full, echoTotal.rate()), medianSeq, medianReq, cpuSeq,
                gatewayTotal.failedCycles.get(), echoTotal.failedCycles.get());
        await(client.close());
        return gatewayTotal.failedCycles.get() + echoTotal.failedCycles.get() == 0 ? 0 : 1;
    }

    /** What virtual client {@code c} does once per cycle of a storm, recording into the storm's counts. */
    private interface Cycle {
        Future<Void> run(int c, Storm st);
    }

    /**
     * Every virtual client runs cycles back to back until {@code seconds} have passed (login storm:
     * against the gateway a full login and a logout, against the echo server the same login
     * requests' bytes).
     */
    private Storm storm(int concurrency, double seconds, long serverPid, Cycle cycle) throws Exception {
        Storm st = new Storm();
        long selfPid = ProcessHandle.current().pid();
        long server0 = cpuTicks(serverPid);
        long tool0 = cpuTicks(selfPid);
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        Promise<Void> done = Promise.promise();
        vertx.runOnContext(v -> {
            List<Future<Void>> loops = new ArrayList<>();
            for (int c = 0; c < concurrency; c++) {
                loops.add(cycles(c, deadline, st, cycle));
            }
            Future.join(loops).onComplete(ar -> done.complete());
        });
        await(done.future());
        st.seconds = (System.nanoTime() - start) / 1e9;
        st.serverTicks = cpuTicks(serverPid) - server0;
        st.toolTicks = cpuTicks(selfPid) - tool0;
        return st;
    }

    private Future<Void> cycles(int c, long deadline, Storm st, Cycle cycle) {
        Promise<Void> done = Promise.promise();
        Runnable[] next = new Runnable[1];
        next[0] = () -> {
            if (System.nanoTime() >= deadline) {
                done.complete();
                return;
            }
            // a cycle that fails at once (a refused connection) goes round through the event loop, not the stack
            cycle.run(c, st).onComplete(ar -> vertx.runOnContext(x -> next[0].run()));
        };
        next[0].run();
        return done.future();
    }

    /** Login (2- or 4-way), ClientCapability, Service, then Logout, so the user's session limit never fills. */
    private Future<Void> loginCycle(HttpClient client, int toPort, int c, boolean digest, Storm st) {
        long start = System.nanoTime();
        String user = stormUser(c);
        Future<String> credentials = digest
                ? timed(client, toPort, loginRequest(c, user, null, "<DigestSchema>MD5</DigestSchema>"), st.challenge, "challenge " + c,
                        a -> nonce(a) != null ? null : "no challenge: " + abbreviate(a))
                        .map(a -> "<DigestBytes>" + md5Digest(nonce(a)) + "</DigestBytes>")
                : Future.succeededFuture("<Password>" + PASSWORD + "</Password>");
        String[] sid = new String[1];
        return credentials
                .compose(cred -> timed(client, toPort, loginRequest(c, user, null, cred), st.login, "login " + c, xml -> {
                    String problem = check(xml, "Login-Response", null);
                    if (problem == null) {
                        sid[0] = between(xml, "<SessionID>", "</SessionID>", xml.indexOf("<Login-Response>"));
                        problem = sid[0] == null ? "no SessionID" : null;
                    }
                    return problem;
                }))
                .compose(xml -> timed(client, toPort, inband(sid[0], 2, CAPABILITY_REQUEST), st.capability, "capability " + c,
                        a -> a.contains("<ClientCapability-Response>") ? null : "no ClientCapability-Response: " + abbreviate(a)))
                .compose(xml -> timed(client, toPort, inband(sid[0], 3, SERVICE_REQUEST), st.service, "service " + c,
                        SessionLoad::serviceProblem))
                .andThen(ar -> {
                    if (ar.succeeded()) {
                        recordFull(st, start);
                    } else {
                        st.failedCycles.incrementAndGet();
                    }
                })
                .transform(ar -> sid[0] == null ? Future.succeededFuture()
                        : timed(client, toPort, inband(sid[0], 4, "<Logout-Request/>"), st.logout, "logout " + c,
                                a -> check(a, a.contains("<Disconnect>") ? "Disconnect" : "Status", null))
                        .transform(x -> Future.<Void>succeededFuture()));
    }

    /**
     * The account client c logs in as next: its own, or with --spread the next one of a walk over
     * the spread with a prime stride, so consecutive logins fall far apart in the account table.
     */
    private String stormUser(int c) {
        if (spread <= 0) {
            return user(c);
        }
        long stride = spread % 1_000_003 == 0 ? 1 : 1_000_003;
        return "load" + Math.floorMod(logins.getAndIncrement() * stride, (long) spread);
    }

    /** The same number of POSTs with the same bodies as the login part of {@link #loginCycle}, to the echo server. */
    private Future<Void> echoCycle(HttpClient client, int toPort, int c, boolean digest, Storm st) {
        long start = System.nanoTime();
        String user = stormUser(c);
        Future<String> first = digest
                ? echo(client, toPort, loginRequest(c, user, null, "<DigestSchema>MD5</DigestSchema>"), st.challenge, c)
                : Future.succeededFuture();
        String cred = digest ? "<DigestBytes>" + "x".repeat(24) + "</DigestBytes>" : "<Password>" + PASSWORD + "</Password>";
        return first
                .compose(x -> echo(client, toPort, loginRequest(c, user, null, cred), st.login, c))
                .compose(x -> echo(client, toPort, inband(ECHO_SID, 2, CAPABILITY_REQUEST), st.capability, c))
                .compose(x -> echo(client, toPort, inband(ECHO_SID, 3, SERVICE_REQUEST), st.service, c))
                .transform(ar -> {
                    if (ar.succeeded()) {
                        recordFull(st, start);
                    } else {
                        st.failedCycles.incrementAndGet();
                    }
                    return Future.succeededFuture();
                });
    }

    private Future<String> echo(HttpClient client, int toPort, String body, Step step, int c) {
        return timed(client, toPort, body, step, "echo " + step.name + " " + c,
                a -> a.length() == body.length() ? null : "echoed " + a.length() + " chars of " + body.length());
    }

    private static void recordFull(Storm st, long start) {
        st.cycles.incrementAndGet();
        synchronized (st.full) {
            st.full.recordValue(Math.max(1, Math.min((System.nanoTime() - start) / 1000, st.full.getHighestTrackableValue())));
        }
    }

    /**
     * POSTs one request and times its round trip into the step; completes with the answer when
     * {@code check} finds nothing wrong with it (returns null), else fails with the problem.
     */
    private Future<String> timed(HttpClient client, int toPort, String body, Step step, String what,
                                 Function<String, String> check) {
        long start = System.nanoTime();
        return post(client, toPort, body).transform(ar -> {
            long micros = (System.nanoTime() - start) / 1000;
            String problem = ar.failed() ? ar.cause().toString() : check.apply(ar.result());
            record(step.h, micros, problem, step.failures, what);
            return problem == null ? Future.succeededFuture(ar.result()) : Future.failedFuture(problem);
        });
    }

    /** The Nonce of a 4-way login's first answer (Result 401), or null when the answer is not that challenge. */
    private static String nonce(String xml) {
        int at = xml.indexOf("<Login-Response>");
        if (at < 0 || !"401".equals(between(xml, "<Code>", "</Code>", at))) {
            return null;
        }
        return between(xml, "<Nonce>", "</Nonce>", at);
    }

    /** DigestBytes for the MD5 schema: Base64(MD5(nonce || password)), one byte per character. */
    private static String md5Digest(String nonce) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            md.update(nonce.getBytes(StandardCharsets.ISO_8859_1));
            md.update(PASSWORD.getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 missing from the JVM", e);
        }
    }

    private static String serviceProblem(String xml) {
        int at = xml.indexOf("<Service-Response>");
        if (at < 0) {
            return "no Service-Response: " + abbreviate(xml);
        }
        String code = between(xml, "<Code>", "</Code>", at);
        return code != null && !code.equals("200") ? "Service-Response " + code : null;
    }

    private static String stepsJson(Storm st, boolean digest) {
        StringBuilder b = new StringBuilder("\"steps\":{");
        List<Step> steps = st.steps(digest);
        for (int k = 0; k < steps.size(); k++) {
            Step s = steps.get(k);
            b.append(k == 0 ? "" : ",").append('"').append(s.name).append("\":").append(json(s.h, s.h.getTotalCount() / st.seconds));
        }
        return b.append('}').toString();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    private static String jsonArray(double[] values) {
        StringBuilder b = new StringBuilder("[");
        for (int k = 0; k < values.length; k++) {
            b.append(k == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.3f", values[k]));
        }
        return b.append(']').toString();
    }

    /** utime + stime of a process in clock ticks (/proc/PID/stat), or 0 without a pid or on another OS. */
    static long cpuTicks(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // the command name (field 2) may hold spaces: count fields after its closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static double ticksToSeconds(long ticks) {
        return ticks / TICKS_PER_SECOND;
    }

    /** Server CPU ms per operation, or NaN when no pid was given. */
    private static double cpuMillisPer(long ticks, long operations, long pid) {
        return pid <= 0 || operations == 0 ? Double.NaN : 1000 * ticksToSeconds(ticks) / operations;
    }

    // ---------------------------------------------------------------- limit (login storm on a full service)

    private int sessionLimit() throws Exception {
        int n = intOpt("sessions", 1000);
        int concurrency = intOpt("concurrency", 32);
        EchoRounds phases = echoRounds();
        int witnesses = Math.min(n, intOpt("witnesses", 8));
        int intervalMs = intOpt("interval-ms", 100);
        HttpClient client = httpClient(concurrency + witnesses, true);
        AtomicInteger loginFailures = new AtomicInteger();
        LoggedIn held = logInAll(client, n, concurrency, loginFailures);
        System.out.printf(Locale.ROOT, "filled the service: %d sessions in %.1f s, %d failures%n", n - loginFailures.get(),
                held.seconds(), loginFailures.get());
        String beyond = await(post(client, loginRequest(n, null)));
        String refusal = refused(beyond);
        if (loginFailures.get() > 0 || refusal != null) {
            System.out.println(refusal != null ? "the login beyond the limit: " + refusal : "not every session logged in");
            printSamples();
            return 1;
        }
        // Refused logins use the indexes after the held sessions: other Client-IDs, the same users' accounts.
        Cycle toEcho = (c, st) -> single(echo(client, phases.echoPort(), loginRequest(n + 1 + c, null), st.login, c), st);
        Cycle toGateway = (c, st) -> single(timed(client, port, loginRequest(n + 1 + c, null), st.login, "refused login " + c,
                SessionLoad::refused), st);
        System.out.printf(Locale.ROOT, "warm-up: %.0f s echo, %.0f s gateway (not recorded)%n", phases.warmup(), phases.warmup());
        storm(concurrency, phases.warmup(), phases.echoPid(), toEcho);
        storm(concurrency, phases.warmup(), phases.gatewayPid(), toGateway);
        failureSamples.clear();

        Storm echoTotal = new Storm();
        Storm gatewayTotal = new Storm();
        Histogram quiet = histogram();
        Histogram stormy = histogram();
        AtomicInteger witnessFailures = new AtomicInteger();
        double[] ratios = new double[phases.rounds()];
        System.out.println();
        System.out.printf(Locale.ROOT, "%d sessions hold the service, %d clients log in back to back, %.0f s per phase, "
                + "%d witness sessions keep alive every %d ms%n", n, concurrency, phases.seconds(), witnesses, intervalMs);
        System.out.printf(Locale.ROOT, "%-5s %12s %12s %8s %16s %16s %14s %9s%n", "round", "echo req/s", "609/s", "ratio",
                "witness p99 echo", "witness p99 609", "gw cpu ms/609", "failures");
        StringBuilder roundsJson = new StringBuilder();
        for (int r = 0; r < phases.rounds(); r++) {
            Histogram q = histogram();
            Histogram w = histogram();
            Storm echo = withWitnesses(client, held.sids(), witnesses, intervalMs, phases.seconds(), q, witnessFailures,
                    () -> storm(concurrency, phases.seconds(), phases.echoPid(), toEcho));
            Storm gw = withWitnesses(client, held.sids(), witnesses, intervalMs, phases.seconds(), w, witnessFailures,
                    () -> storm(concurrency, phases.seconds(), phases.gatewayPid(), toGateway));
            echo.addTo(echoTotal);
            gw.addTo(gatewayTotal);
            quiet.add(q);
            stormy.add(w);
            ratios[r] = gw.rate() / echo.rate();
            double gwCpu = cpuMillisPer(gw.serverTicks, gw.cycles.get(), phases.gatewayPid());
            System.out.printf(Locale.ROOT, "%-5d %12.0f %12.0f %8.3f %16.3f %16.3f %14.3f %9d%n", r + 1, echo.rate(),
                    gw.rate(), ratios[r], ms(q, 99), ms(w, 99), gwCpu, gw.failedCycles.get() + echo.failedCycles.get());
            roundsJson.append(r == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"echo_req_per_s\":%.1f,\"refusals_per_s\":%.1f,\"ratio\":%.4f,\"witness_p99_ms_echo\":%.3f,"
                            + "\"witness_p99_ms_refusals\":%.3f,\"gateway_cpu_ms_per_refusal\":%.3f,\"failed\":%d}",
                    echo.rate(), gw.rate(), ratios[r], ms(q, 99), ms(w, 99), gwCpu, gw.failedCycles.get()));
        }
        int admitted = raceForOneSlot(client, held.sids()[0], n + 1, concurrency);
        System.out.println();
        System.out.printf(Locale.ROOT, "%-15s %8s %8s %8s %8s %8s %9s %9s%n", "ms", "p50", "p90", "p99", "p99.9", "max", "count",
                "failures");
        row("609 answer", gatewayTotal.login.h, gatewayTotal.login.h.getTotalCount(), gatewayTotal.failedCycles.get());
        row("echo", echoTotal.login.h, echoTotal.login.h.getTotalCount(), echoTotal.failedCycles.get());
        row("witness, echo", quiet, quiet.getTotalCount(), 0);
        row("witness, 609", stormy, stormy.getTotalCount(), witnessFailures.get());
        System.out.printf(Locale.ROOT, "median ratio 609 answers/s ÷ echo requests/s: %.3f; one slot freed during a storm "
                + "of %d logins: %d admitted%n", median(ratios), concurrency, admitted);
        printSamples();
        System.out.printf(Locale.ROOT,
                "JSON {\"bench\":\"limit\",\"sessions\":%d,\"concurrency\":%d,\"seconds\":%.0f,\"rounds\":%d,"
                        + "\"rounds_detail\":[%s],\"refusal\":%s,\"echo\":%s,\"witness_echo\":%s,\"witness_refusals\":%s,"
                        + "\"median_ratio\":%.4f,\"admitted_into_one_slot\":%d,\"failures\":{\"gateway\":%d,\"echo\":%d,"
                        + "\"witness\":%d}}%n",
                n, concurrency, phases.seconds(), phases.rounds(), roundsJson, json(gatewayTotal.login.h, gatewayTotal.rate()),
                json(echoTotal.login.h, echoTotal.rate()), json(quiet, quiet.getTotalCount() / echoTotal.seconds),
                json(stormy, stormy.getTotalCount() / gatewayTotal.seconds), median(ratios), admitted,
                gatewayTotal.failedCycles.get(), echoTotal.failedCycles.get(), witnessFailures.get());
        await(client.close());
        boolean ok = gatewayTotal.failedCycles.get() + echoTotal.failedCycles.get() + witnessFailures.get() == 0 && admitted == 1;
        return ok ? 0 : 1;
    }

    /** Null when the answer is a Login-Response with Result 609 and no Session-ID. */
    private static String refused(String xml) {
        int at = xml.indexOf("<Login-Response>");
        if (at < 0) {
            return "no Login-Response: " + abbreviate(xml);
        }
        String code = between(xml, "<Code>", "</Code>", at);
        if (!"609".equals(code)) {
            return "Result " + code + " instead of 609";
        }
        return xml.contains("<SessionID>") ? "a Session-ID with 609" : null;
    }

    /** A one-request cycle: counted as a cycle when the request succeeded. */
    private static Future<Void> single(Future<String> request, Storm st) {
        return request.transform(ar -> {
            if (ar.succeeded()) {
                st.cycles.incrementAndGet();
            } else {
                st.failedCycles.incrementAndGet();
            }
            return Future.<Void>succeededFuture();
        });
    }

    /** Runs {@code phase} while the first {@code witnesses} sessions each send a KeepAlive every {@code intervalMs}. */
    private Storm withWitnesses(HttpClient client, String[] sids, int witnesses, int intervalMs, double seconds, Histogram h,
                                AtomicInteger failures, java.util.concurrent.Callable<Storm> phase) throws Exception {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<Future<Void>> loops = new ArrayList<>();
        Promise<Void> started = Promise.promise();
        vertx.runOnContext(v -> {
            for (int i = 0; i < witnesses; i++) {
                loops.add(witness(client, sids[i], i, intervalMs, deadline, h, failures));
            }
            started.complete();
        });
        await(started.future());
        Storm result = phase.call();
        await(Future.join(loops));
        return result;
    }

    /** A KeepAlive of {@code sid} every {@code intervalMs} after the previous answer, until {@code deadline}. */
    private Future<Void> witness(HttpClient client, String sid, int i, int intervalMs, long deadline, Histogram h,
                                 AtomicInteger failures) {
        return cycles(i, deadline, new Storm(), (c, unused) -> {
            long start = System.nanoTime();
            return post(client, inband(sid, 5, "<KeepAlive-Request/>")).transform(ar -> {
                String problem = ar.failed() ? ar.cause().toString() : check(ar.result(), "KeepAlive-Response", null);
                record(h, (System.nanoTime() - start) / 1000, problem, failures, "witness " + c);
                Promise<Void> pause = Promise.promise();
                vertx.setTimer(intervalMs, id -> pause.complete());
                return pause.future();
            });
        });
    }

    /**
     * Logs {@code sid} out, then {@code concurrency} logins (indexes from {@code first}) race for the
     * slot it freed; the number admitted (1 when the limit holds), each admitted session logged out again.
     */
    private int raceForOneSlot(HttpClient client, String sid, int first, int concurrency) throws Exception {
        String bye = await(post(client, inband(sid, 9, "<Logout-Request/>")));
        if (!bye.contains("<Disconnect>") && check(bye, "Status", null) != null) {
            sample("logout before the race: " + abbreviate(bye));
            return -1;
        }
        List<Future<String>> logins = new ArrayList<>();
        Promise<Void> sent = Promise.promise();
        vertx.runOnContext(v -> {
            for (int c = 0; c < concurrency; c++) {
                logins.add(post(client, loginRequest(first + c, null)));
            }
            sent.complete();
        });
        await(sent.future());
        await(Future.join(logins));
        int admitted = 0;
        for (Future<String> f : logins) {
            if (f.succeeded() && check(f.result(), "Login-Response", null) == null) {
                admitted++;
                String newSid = between(f.result(), "<SessionID>", "</SessionID>", 0);
                await(post(client, inband(newSid, 9, "<Logout-Request/>")));
            } else if (f.failed() || refused(f.result()) != null) {
                sample("race: " + (f.failed() ? f.cause().getMessage() : abbreviate(f.result())));
            }
        }
        return admitted;
    }

    // ---------------------------------------------------------------- steady (idle sessions keeping alive)

    /** What one steady-state phase (gateway or echo, one round) measured. Touched only on the event loop while it runs. */
    private static final class KeepAlivePhase {
        final Histogram h = histogram();
        final AtomicInteger failures = new AtomicInteger();
        /** Slots that came while the session's previous request was still unanswered, so nothing was sent. */
        long skipped;
        double seconds;
        long serverTicks;
        long toolTicks;

        double rate() {
            return h.getTotalCount() / seconds;
        }

        void addTo(KeepAlivePhase total) {
            total.h.add(h);
            total.failures.addAndGet(failures.get());
            total.skipped += skipped;
            total.seconds += seconds;
            total.serverTicks += serverTicks;
            total.toolTicks += toolTicks;
        }
    }

    private int steady() throws Exception {
        int n = intOpt("sessions", 5000);
        int intervalMs = intOpt("interval-ms", 1000);
        EchoRounds phases = echoRounds();
        int connections = intOpt("connections", 64);
        int concurrency = intOpt("concurrency", 32);

        AtomicInteger loginFailures = new AtomicInteger();
        String[] sids = loginAll(n, concurrency, loginFailures);
        if (loginFailures.get() == n) {
            printSamples();
            return 1;
        }
        // One body per session, built once: the echo phases send exactly the bytes the gateway phases
        // send, and building strings stays out of the tool's per-request cost.
        String[] bodies = new String[n];
        for (int i = 0; i < n; i++) {
            bodies[i] = sids[i] == null ? null : inband(sids[i], i, "<KeepAlive-Request/>");
        }
        long live = Arrays.stream(bodies).filter(b -> b != null).count();
        double offered = live * 1000.0 / intervalMs;

        // The same pooled keep-alive client for both servers: a busy server makes the pool open more
        // connections (up to --connections), an idle one keeps reusing a few, as real clients behind
        // a proxy would.
        HttpClient client = httpClient(connections, true);
        System.out.printf(Locale.ROOT, "warm-up: %.0f s echo, %.0f s gateway (not recorded)%n", phases.warmup(), phases.warmup());
        steadyPhase(client, phases.echoPort(), true, bodies, intervalMs, phases.warmup(), phases.echoPid());
        KeepAlivePhase warm = steadyPhase(client, port, false, bodies, intervalMs, phases.warmup(), phases.gatewayPid());
        if (warm.h.getTotalCount() == 0) {
            System.out.println("warm-up: no KeepAlive succeeded");
            printSamples();
            return 1;
        }
        failureSamples.clear();

        KeepAlivePhase echoTotal = new KeepAlivePhase();
        KeepAlivePhase gatewayTotal = new KeepAlivePhase();
        System.out.println();
        System.out.printf(Locale.ROOT, "%d sessions, a KeepAlive-Request each every %d ms (%.0f/s offered), %.0f s per phase, "
                + "pooled keep-alive connections (at most %d)%n", live, intervalMs, offered, phases.seconds(), connections);
        System.out.printf(Locale.ROOT, "%-5s %11s %11s %16s %15s %9s %10s %9s %9s%n", "round", "echo req/s", "gw KA/s",
                "gw cpu ms/KA", "echo cpu ms/req", "cpu ratio", "tool cpu", "skipped", "failures");
        StringBuilder roundsJson = new StringBuilder();
        for (int r = 0; r < phases.rounds(); r++) {
            KeepAlivePhase echo = steadyPhase(client, phases.echoPort(), true, bodies, intervalMs, phases.seconds(), phases.echoPid());
            KeepAlivePhase gw = steadyPhase(client, port, false, bodies, intervalMs, phases.seconds(), phases.gatewayPid());
            echo.addTo(echoTotal);
            gw.addTo(gatewayTotal);
            double gwCpu = cpuMillisPer(gw.serverTicks, gw.h.getTotalCount(), phases.gatewayPid());
            double echoCpu = cpuMillisPer(echo.serverTicks, echo.h.getTotalCount(), phases.echoPid());
            String toolCpu = String.format(Locale.ROOT, "%.0f%%/%.0f%%",
                    100 * ticksToSeconds(echo.toolTicks) / echo.seconds, 100 * ticksToSeconds(gw.toolTicks) / gw.seconds);
            System.out.printf(Locale.ROOT, "%-5d %11.0f %11.0f %16.4f %15.4f %9.2f %10s %9d %9d%n", r + 1, echo.rate(),
                    gw.rate(), gwCpu, echoCpu, gwCpu / echoCpu, toolCpu, gw.skipped + echo.skipped,
                    gw.failures.get() + echo.failures.get());
            roundsJson.append(r == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"echo_req_per_s\":%.1f,\"keepalives_per_s\":%.1f,\"gateway_cpu_ms_per_keepalive\":%.4f,"
                            + "\"echo_cpu_ms_per_req\":%.4f,\"skipped\":{\"gateway\":%d,\"echo\":%d},\"failed\":{\"gateway\":%d,\"echo\":%d}}",
                    echo.rate(), gw.rate(), gwCpu, echoCpu, gw.skipped, echo.skipped, gw.failures.get(), echo.failures.get()));
        }
        await(client.close());

        double gwCpu = cpuMillisPer(gatewayTotal.serverTicks, gatewayTotal.h.getTotalCount(), phases.gatewayPid());
        double echoCpu = cpuMillisPer(echoTotal.serverTicks, echoTotal.h.getTotalCount(), phases.echoPid());
        // CPU per request is the figure that carries over to other machines and loads; a server's share of
        // its core tells how far this offered load is from saturating it.
        double gwCore = ticksToSeconds(gatewayTotal.serverTicks) / gatewayTotal.seconds;
        double echoCore = ticksToSeconds(echoTotal.serverTicks) / echoTotal.seconds;
        System.out.println();
        System.out.printf(Locale.ROOT, "%-11s %8s %8s %8s %8s %8s %9s %9s%n",
                "ms", "p50", "p90", "p99", "p99.9", "max", "req/s", "failures");
        row("keep-alive", gatewayTotal.h, gatewayTotal.rate(), gatewayTotal.failures.get());
        row("echo", echoTotal.h, echoTotal.rate(), echoTotal.failures.get());
        System.out.printf(Locale.ROOT, "achieved ÷ offered: gateway %.3f, echo %.3f; slots skipped (previous request unanswered): "
                + "gateway %d, echo %d%n", gatewayTotal.rate() / offered, echoTotal.rate() / offered, gatewayTotal.skipped,
                echoTotal.skipped);
        System.out.printf(Locale.ROOT, "server CPU (all rounds): gateway %.4f ms per KeepAlive (%.0f %% of a core), echo %.4f ms "
                + "per request (%.0f %% of a core), ratio %.2f%n", gwCpu, 100 * gwCore, echoCpu, 100 * echoCore, gwCpu / echoCpu);
        System.out.printf(Locale.ROOT, "failures: login %d, keep-alive %d, echo %d%n",
                loginFailures.get(), gatewayTotal.failures.get(), echoTotal.failures.get());
        printSamples();
        System.out.printf(Locale.ROOT,
                "JSON {\"bench\":\"steady\",\"sessions\":%d,\"interval_ms\":%d,\"seconds\":%.0f,\"rounds\":%d,\"offered_per_s\":%.1f,"
                        + "\"rounds_detail\":[%s],\"keepalive\":%s,\"echo\":%s,\"gateway_cpu_ms_per_keepalive\":%.4f,"
                        + "\"echo_cpu_ms_per_req\":%.4f,\"cpu_ratio\":%.3f,\"gateway_core_share\":%.3f,\"echo_core_share\":%.3f,"
                        + "\"skipped\":{\"gateway\":%d,\"echo\":%d},\"failures\":{\"login\":%d,\"keepalive\":%d,\"echo\":%d}}%n",
                live, intervalMs, phases.seconds(), phases.rounds(), offered, roundsJson, json(gatewayTotal.h, gatewayTotal.rate()),
                json(echoTotal.h, echoTotal.rate()), gwCpu, echoCpu, gwCpu / echoCpu, gwCore, echoCore,
                gatewayTotal.skipped, echoTotal.skipped, loginFailures.get(), gatewayTotal.failures.get(),
                echoTotal.failures.get());
        return loginFailures.get() + gatewayTotal.failures.get() + echoTotal.failures.get() == 0 ? 0 : 1;
    }

    /**
     * One phase: slot k (k = 0, 1, …) belongs to session k mod n and is due at k × interval ÷ n after
     * the start, so every session sends once per interval and the sends are spread evenly over it.
     * A 1 ms timer sends whatever has come due; a slot whose session still waits for its previous
     * answer is skipped (at most one request in flight per session, as a CSP client behaves). Latency
     * runs from handing the request to the client, so waiting for a pooled connection is in it.
     */
    private KeepAlivePhase steadyPhase(HttpClient client, int toPort, boolean echo, String[] bodies, int intervalMs,
                               double seconds, long serverPid) throws Exception {
        KeepAlivePhase st = new KeepAlivePhase();
        int n = bodies.length;
        long intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMs);
        long slots = (long) (seconds * 1e9 / intervalNanos * n);
        boolean[] inFlight = new boolean[n];
        long selfPid = ProcessHandle.current().pid();
        long server0 = cpuTicks(serverPid);
        long tool0 = cpuTicks(selfPid);
        long start = System.nanoTime();
        Promise<Void> done = Promise.promise();
        vertx.runOnContext(v -> {
            long[] next = {0};
            int[] pending = {0};
            boolean[] scheduled = {false};
            Runnable finishIfIdle = () -> {
                if (scheduled[0] && pending[0] == 0) {
                    done.tryComplete();
                }
            };
            vertx.setPeriodic(1, id -> {
                long now = System.nanoTime();
                while (next[0] < slots && start + next[0] * intervalNanos / n <= now) {
                    int i = (int) (next[0]++ % n);
                    if (bodies[i] == null) {
                        continue;
                    }
                    if (inFlight[i]) {
                        st.skipped++;
                        continue;
                    }
                    inFlight[i] = true;
                    pending[0]++;
                    String body = bodies[i];
                    long sentAt = System.nanoTime();
                    post(client, toPort, body).onComplete(ar -> {
                        long micros = (System.nanoTime() - sentAt) / 1000;
                        String problem = ar.failed() ? ar.cause().toString()
                                : echo ? (ar.result().length() == body.length() ? null
                                        : "echoed " + ar.result().length() + " chars of " + body.length())
                                : check(ar.result(), "KeepAlive-Response", null);
                        record(st.h, micros, problem, st.failures, (echo ? "echo " : "keep-alive ") + i);
                        inFlight[i] = false;
                        pending[0]--;
                        finishIfIdle.run();
                    });
                }
                if (next[0] >= slots) {
                    vertx.cancelTimer(id);
                    scheduled[0] = true;
                    finishIfIdle.run();
                }
            });
        });
        await(done.future());
        // The rate is over the scheduled span plus the tail of the last answers: what the server was given.
        st.seconds = (System.nanoTime() - start) / 1e9;
        st.serverTicks = cpuTicks(serverPid) - server0;
        st.toolTicks = cpuTicks(selfPid) - tool0;
        return st;
    }

    // ---------------------------------------------------------------- idle

    private int idle() throws Exception {
        int n = intOpt("sessions", 10000);
        int concurrency = intOpt("concurrency", 32);
        boolean cir = Boolean.parseBoolean(opts.getOrDefault("cir", "false"));
        Held held = hold(n, concurrency, cir);
        System.out.printf(Locale.ROOT, "READY %d sessions, %d cir sockets%n", held.sessions, held.sockets.size());
        System.out.flush();
        // Hold everything until killed; report what the server closes meanwhile.
        Promise<Void> forever = Promise.promise();
        forever.future().toCompletionStage().toCompletableFuture().get();
        return 0;
    }

    private int warmup() throws Exception {
        int n = intOpt("sessions", 200);
        boolean cir = Boolean.parseBoolean(opts.getOrDefault("cir", "true"));
        Held held = hold(n, Math.min(n, 16), cir);
        HttpClient client = httpClient(16, true);
        AtomicInteger failures = new AtomicInteger();
        await(runAll(n, 16, i -> {
            String sid = held.sids[i];
            if (sid == null) {
                return Future.succeededFuture();
            }
            return post(client, inband(sid, 9, "<Logout-Request/>")).transform(ar -> {
                // CSP answers a Logout-Request with Status 200 (some servers with Disconnect)
                String problem = ar.failed() ? ar.cause().toString()
                        : check(ar.result(), ar.result().contains("<Disconnect>") ? "Disconnect" : "Status", null);
                if (problem != null) {
                    failures.incrementAndGet();
                    sample("logout " + i + ": " + problem);
                }
                return Future.succeededFuture();
            });
        }));
        for (NetSocket s : held.sockets) {
            s.close();
        }
        await(client.close());
        System.out.printf(Locale.ROOT, "warm-up: %d sessions in and out, %d cir sockets, %d logout failures%n",
                held.sessions, held.sockets.size(), failures.get());
        printSamples();
        return 0;
    }

    private record Held(int sessions, String[] sids, List<NetSocket> sockets) {
    }

    /** Logs n sessions in and, with cir, negotiates STCP and binds one TCP CIR connection to each. */
    private Held hold(int n, int concurrency, boolean cir) throws Exception {
        int cirPortOpt = intOpt("cir-port", 7000);
        HttpClient client = httpClient(concurrency, true);
        AtomicInteger loginFailures = new AtomicInteger();
        LoggedIn in = logInAll(client, n, concurrency, loginFailures);
        String[] sids = in.sids();
        double secs = in.seconds();
        int sessions = n - loginFailures.get();
        System.out.printf(Locale.ROOT, "logged in %d sessions in %.1f s (%.0f logins/s), %d failures%n",
                sessions, secs, n / secs, loginFailures.get());
        List<NetSocket> sockets = new ArrayList<>();
        if (cir) {
            String[] cirHost = new String[n];
            int[] cirPort = new int[n];
            AtomicInteger capFailures = new AtomicInteger();
            await(runAll(n, concurrency, i -> {
                if (sids[i] == null) {
                    return Future.succeededFuture();
                }
                String body = inband(sids[i], 2, "<ClientCapability-Request><CapabilityList><SupportedBearer>HTTP</SupportedBearer>"
                        + "<SupportedCIRMethod>STCP</SupportedCIRMethod></CapabilityList></ClientCapability-Request>");
                return post(client, body).transform(ar -> {
                    String problem = ar.failed() ? ar.cause().toString() : null;
                    if (problem == null) {
                        String xml = ar.result();
                        if (!xml.contains("<ClientCapability-Response>")) {
                            problem = "no ClientCapability-Response: " + abbreviate(xml);
                        } else if (!xml.contains("<SupportedCIRMethod>STCP</SupportedCIRMethod>")) {
                            problem = "STCP not agreed: " + abbreviate(xml);
                        } else {
                            String p = between(xml, "<TCPPort>", "</TCPPort>", 0);
                            cirPort[i] = p == null ? cirPortOpt : Integer.parseInt(p);
                            cirHost[i] = between(xml, "<TCPAddress>", "</TCPAddress>", 0);
                        }
                    }
                    if (problem != null) {
                        capFailures.incrementAndGet();
                        sample("capability " + i + ": " + problem);
                    }
                    return Future.succeededFuture();
                });
            }));
            System.out.printf(Locale.ROOT, "negotiated STCP for %d sessions, %d failures%n",
                    sessions - capFailures.get(), capFailures.get());
            // More than ~28k connections to one address:port need several local addresses (127.0.0.x).
            int perAddress = 20000;
            List<NetClient> netClients = new ArrayList<>();
            for (int k = 0; k <= (n - 1) / perAddress; k++) {
                NetClientOptions o = new NetClientOptions().setConnectTimeout(30000).setTcpKeepAlive(true);
                if (n > perAddress) {
                    o.setLocalAddress("127.0.0." + (k + 1));
                }
                netClients.add(vertx.createNetClient(o));
            }
            AtomicInteger cirFailures = new AtomicInteger();
            AtomicInteger closedByServer = new AtomicInteger();
            long t1 = System.nanoTime();
            await(runAll(n, concurrency, i -> {
                if (sids[i] == null || cirPort[i] == 0) {
                    return Future.succeededFuture();
                }
                String target = cirHost[i] == null || cirHost[i].isEmpty() ? host : cirHost[i];
                NetClient nc = netClients.get(i / perAddress);
                return helo(nc, target, cirPort[i], sids[i], closedByServer).transform(ar -> {
                    if (ar.succeeded()) {
                        synchronized (sockets) {
                            sockets.add(ar.result());
                        }
                    } else {
                        cirFailures.incrementAndGet();
                        sample("cir " + i + ": " + ar.cause());
                    }
                    return Future.succeededFuture();
                });
            }));
            System.out.printf(Locale.ROOT, "opened %d TCP CIR connections in %.1f s, %d failures%n",
                    sockets.size(), (System.nanoTime() - t1) / 1e9, cirFailures.get());
            // Vert.x closes a NetClient's connections once the client is garbage: keep them while holding.
            heldClients.addAll(netClients);
        }
        // The HTTP connections are not part of an idle session: close them.
        await(client.close());
        printSamples();
        return new Held(sessions, sids, sockets);
    }

    private Future<NetSocket> helo(NetClient nc, String target, int cirPort, String sid, AtomicInteger closedByServer) {
        return nc.connect(cirPort, target).compose(socket -> {
            Promise<NetSocket> ok = Promise.promise();
            Buffer got = Buffer.buffer();
            socket.handler(data -> {
                if (ok.future().isComplete()) {
                    System.out.println("CIR line for " + sid + ": " + data.toString(StandardCharsets.US_ASCII).strip());
                    return;
                }
                got.appendBuffer(data);
                String text = got.toString(StandardCharsets.US_ASCII);
                int eol = text.indexOf("\r\n");
                if (eol >= 0) {
                    String line = text.substring(0, eol);
                    if (line.equals("OK")) {
                        ok.tryComplete(socket);
                    } else {
                        ok.tryFail("answer to HELO: " + line);
                        socket.close();
                    }
                }
            });
            socket.closeHandler(v -> {
                if (!ok.tryFail("closed before OK")) {
                    int c = closedByServer.incrementAndGet();
                    if (c == 1 || c % 1000 == 0) {
                        System.out.println("CIR sockets closed by the server so far: " + c);
                    }
                }
            });
            socket.write("HELO " + sid + "\r\n");
            return ok.future();
        });
    }

    // ---------------------------------------------------------------- relay

    static final String SERVICE_REQUEST = "<Service-Request><Functions><WVCSPFeat><FundamentalFeat/><PresenceFeat/>"
            + "<IMFeat/><GroupFeat/></WVCSPFeat></Functions><AllFunctionsRequest>T</AllFunctionsRequest></Service-Request>";

    /**
     * One round of the relay (the warm-up or the measured one): what was sent, what arrived, when.
     * Everything here is touched on the load tool's single event loop only; the main thread reads it
     * after {@link #settled} completed, and nothing but {@link #late} changes after that.
     */
    private static final class RelayRound {
        final int id;
        final int pairs;
        final int messages;
        final byte[] sendState;     // by key k * pairs + i: 0 no answer yet, 1 Result 200, 2 failed
        final int[] received;       // copies received, by key
        final Histogram keepAlive = histogram();
        final Histogram send = histogram();
        final Histogram relay = histogram();
        final AtomicInteger keepAliveFailures = new AtomicInteger();
        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger late = new AtomicInteger();
        final Promise<Void> settled = Promise.promise();
        int sendOk;
        int sendFailures;
        int delivered;
        int duplicateIds;
        int duplicateContent;
        int duplicateTransactionIds;
        int misrouted;
        int outstanding;            // answered 200, not received yet
        int polls;
        int emptyPolls;
        int wvci;
        int otherPrimitives;
        int receiveFailures;
        int cirClosed;
        boolean sendsDone;
        boolean closed;
        long startNanos;
        long sendsDoneNanos;
        long lastDeliveryNanos;

        RelayRound(int id, int pairs, int messages) {
            this.id = id;
            this.pairs = pairs;
            this.messages = messages;
            this.sendState = new byte[pairs * messages];
            this.received = new int[pairs * messages];
        }

        void maybeSettle() {
            if (sendsDone && outstanding == 0) {
                settle();
            }
        }

        void settle() {
            closed = true;
            settled.tryComplete();
        }

        int lost() {
            int lost = 0;
            for (int key = 0; key < sendState.length; key++) {
                if (sendState[key] == 1 && received[key] == 0) {
                    lost++;
                }
            }
            return lost;
        }

        double seconds(long endNanos) {
            return Math.max(1, endNanos - startNanos) / 1e9;
        }

        /** Measured rounds added up: counts, histograms, and the durations of the rounds. */
        int lostTotal;
        double relaySecondsTotal;
        double sendSecondsTotal;

        void add(RelayRound r) {
            keepAlive.add(r.keepAlive);
            send.add(r.send);
            relay.add(r.relay);
            keepAliveFailures.addAndGet(r.keepAliveFailures.get());
            late.addAndGet(r.late.get());
            sendOk += r.sendOk;
            sendFailures += r.sendFailures;
            delivered += r.delivered;
            duplicateIds += r.duplicateIds;
            duplicateContent += r.duplicateContent;
            duplicateTransactionIds += r.duplicateTransactionIds;
            misrouted += r.misrouted;
            polls += r.polls;
            emptyPolls += r.emptyPolls;
            wvci += r.wvci;
            otherPrimitives += r.otherPrimitives;
            receiveFailures += r.receiveFailures;
            cirClosed += r.cirClosed;
            lostTotal += r.lost();
            relaySecondsTotal += r.seconds(r.lastDeliveryNanos);
            sendSecondsTotal += r.seconds(r.sendsDoneNanos);
        }
    }

    /** A receiver session; it never has more than one HTTP request in flight. */
    private static final class Receiver {
        /** Server Transaction-IDs run 0 … 999: one seen again among the last 500 is a duplicate. */
        static final int RECENT_TRANSACTION_IDS = 500;
        final int index;
        final String sid;
        final ArrayDeque<String> recentTransactionIds = new ArrayDeque<>();
        final Set<String> recentTransactionIdSet = new HashSet<>();
        boolean draining;
        boolean again;
        boolean pollFlag;

        /** False when {@code tid} is among the recent ones: the same server transaction again. */
        boolean firstTime(String tid) {
            if (!recentTransactionIdSet.add(tid)) {
                return false;
            }
            recentTransactionIds.addLast(tid);
            if (recentTransactionIds.size() > RECENT_TRANSACTION_IDS) {
                recentTransactionIdSet.remove(recentTransactionIds.pollFirst());
            }
            return true;
        }

        Receiver(int index, String sid) {
            this.index = index;
            this.sid = sid;
        }
    }

    /** What the receivers share: the rounds (by the id carried in ContentData), Message-IDs seen. */
    private static final class RelayRun {
        final RelayRound[] rounds;
        final Set<String> seenIds = new HashSet<>();
        final Promise<Void> loopsDone = Promise.promise();
        volatile RelayRound current = new RelayRound(-1, 0, 0);
        volatile boolean stopping;
        int loopsRunning;
        int foreign;
        /** poll mode: the receivers wait while the KeepAlive baseline runs; the loops parked meanwhile. */
        boolean paused;
        final List<Runnable> pausedLoops = new ArrayList<>();

        RelayRun(int measuredRounds) {
            rounds = new RelayRound[measuredRounds + 1];
        }
    }

    /** What one measured round of the relay gave: the KeepAlive phase and the relay, each with the gateway's CPU. */
    private record RelayFigures(double keepAlivesPerSecond, double cpuMicrosPerKeepAlive, double messagesPerSecond,
                                double cpuMicrosPerMessage) {
        double ratio() {
            return cpuMicrosPerMessage / cpuMicrosPerKeepAlive;
        }

        String json() {
            return String.format(Locale.ROOT, "{\"keepalive_per_s\":%.0f,\"cpu_us_per_keepalive\":%.2f,"
                    + "\"delivered_per_s\":%.0f,\"cpu_us_per_message\":%.2f,\"cpu_ratio\":%.3f}",
                    keepAlivesPerSecond, cpuMicrosPerKeepAlive, messagesPerSecond, cpuMicrosPerMessage, ratio());
        }
    }

    private int relay() throws Exception {
        int pairs = intOpt("pairs", 100);
        int messages = intOpt("messages", 100);
        int concurrency = intOpt("concurrency", 16);
        int warmupMessages = intOpt("warmup", messages);
        int timeoutSeconds = intOpt("timeout", 30);
        int keepAliveEvery = Math.max(1, intOpt("keepalive-every", 10));
        int burst = Math.max(1, intOpt("burst", 1));
        int measuredRounds = Math.max(1, intOpt("rounds", 2));
        // A KeepAlive costs a few times less than a message: the baseline phase sends more of them, so
        // that the CPU time read around it (in 10 ms ticks) is as precise as the relay's.
        int keepAlives = intOpt("keepalives", 5 * pairs * messages);
        long gatewayPid = Long.parseLong(opts.getOrDefault("gateway-pid", "0"));
        if (messages % burst != 0 || warmupMessages % burst != 0) {
            usage();
        }
        String mode = opts.getOrDefault("mode", "cir");
        if (!mode.equals("poll") && !mode.equals("cir")) {
            usage();
        }
        boolean cir = mode.equals("cir");
        int cirPortOpt = intOpt("cir-port", 7000);
        userPrefix = opts.getOrDefault("user-prefix", "u");
        int n = 2 * pairs;

        // Sessions 0 … N-1 send, N … 2N-1 receive; session s is user U+s.
        HttpClient setup = httpClient(concurrency, true);
        String[] sids = new String[n];
        String[] cirHost = new String[n];
        int[] cirPort = new int[n];
        AtomicInteger setupFailures = new AtomicInteger();
        long t0 = System.nanoTime();
        await(runAll(n, concurrency, s -> login(setup, s)
                .compose(sid -> {
                    sids[s] = sid;
                    return negotiate(setup, port, s, sid, cir && s >= pairs, cirHost, cirPort, cirPortOpt);
                })
                .andThen(ar -> {
                    if (ar.failed()) {
                        setupFailures.incrementAndGet();
                        sample("session " + s + " (" + user(s) + "): " + ar.cause().getMessage());
                    }
                })));
        await(setup.close());
        System.out.printf(Locale.ROOT, "logged in and negotiated %d sessions (%s0 … %s%d) in %.1f s, %d failures%n",
                n - setupFailures.get(), userPrefix, userPrefix, n - 1, (System.nanoTime() - t0) / 1e9, setupFailures.get());
        if (setupFailures.get() > 0) {
            printSamples();
            return 1;
        }

        RelayRun run = new RelayRun(measuredRounds);
        Receiver[] receivers = new Receiver[pairs];
        for (int i = 0; i < pairs; i++) {
            receivers[i] = new Receiver(i, sids[pairs + i]);
        }
        // One connection per receiver at most (each keeps one request in flight), C for the senders.
        HttpClient receiverClient = httpClient(pairs, true);
        HttpClient senderClient = httpClient(concurrency, true);
        List<NetSocket> sockets = new ArrayList<>();
        // Referenced until the end: Vert.x closes a NetClient, and all its connections, once it is
        // garbage (CleanableNetClient).
        NetClient cirClient = null;
        if (cir) {
            NetClient nc = vertx.createNetClient(new NetClientOptions().setConnectTimeout(30000).setTcpNoDelay(true));
            cirClient = nc;
            await(runAll(pairs, concurrency, i -> relayHelo(nc, cirHost[pairs + i], cirPort[pairs + i], run, receivers[i], receiverClient)
                    .andThen(ar -> {
                        if (ar.succeeded()) {
                            sockets.add(ar.result());
                        } else {
                            setupFailures.incrementAndGet();
                            sample("cir " + i + ": " + ar.cause());
                        }
                    })));
            System.out.printf(Locale.ROOT, "opened %d TCP CIR connections, %d failures%n", sockets.size(), setupFailures.get());
            if (setupFailures.get() > 0) {
                printSamples();
                return 1;
            }
        } else {
            vertx.runOnContext(v -> {
                run.loopsRunning = pairs;
                for (Receiver r : receivers) {
                    pollLoop(run, r, receiverClient);
                }
            });
        }

        // Warm-up rounds run both phases of a measured round, so that the JIT has compiled the KeepAlive
        // path as well as the relay's before anything is recorded. On a busy machine a round of a few
        // thousand messages is not enough: they repeat until the gateway's CPU per message settles.
        RelayRound warm = null;
        if (warmupMessages > 0) {
            Histogram scratch = histogram();
            AtomicInteger scratchFailures = new AtomicInteger();
            List<Double> warmCpu = new ArrayList<>();
            do {
                await(runAll(pairs * warmupMessages, concurrency, t -> keepAliveOnly(senderClient, t % pairs, sids[t % pairs],
                        scratch, scratchFailures)));
                warm = new RelayRound(0, pairs, warmupMessages);
                run.rounds[0] = warm;
                long w0 = cpuTicks(gatewayPid);
                relayRound(run, warm, senderClient, sids, concurrency, keepAliveEvery, burst, timeoutSeconds);
                warmCpu.add(ticksToSeconds(cpuTicks(gatewayPid) - w0) * 1e6 / Math.max(1, warm.delivered));
                System.out.printf(Locale.ROOT, "warm-up %d: %d KeepAlives (%d failures) and %d messages per pair, sent %d, "
                                + "delivered %d at %.1f us CPU each, lost %d, duplicates %d, failures %d (not recorded)%n",
                        warmCpu.size(), pairs * warmupMessages, scratchFailures.get(), warmupMessages, warm.sendOk,
                        warm.delivered, warmCpu.get(warmCpu.size() - 1), warm.lost(),
                        warm.duplicateIds + warm.duplicateContent + warm.duplicateTransactionIds,
                        warm.sendFailures + warm.receiveFailures + warm.keepAliveFailures.get());
                printSamples();
            } while (gatewayPid > 0 && !SessionLoad.settled(warmCpu) && warmCpu.size() < MAX_WARMUP_ROUNDS);
        }
        // Each measured round: the baseline (KeepAlives alone, as many as the round has messages, the
        // same C in flight over the same connections), then the relay, the gateway's CPU read around each.
        RelayRound m = new RelayRound(1, pairs, messages);
        Histogram keepAliveAlone = histogram();
        AtomicInteger keepAloneFailures = new AtomicInteger();
        RelayFigures[] figures = new RelayFigures[measuredRounds];
        double keepAloneSeconds = 0;
        for (int r = 1; r <= measuredRounds; r++) {
            // In poll mode the receivers would poll all along: they pause, so that the baseline is KeepAlives alone.
            if (!cir) {
                pausePolling(run);
            }
            long c0 = cpuTicks(gatewayPid);
            long k0 = System.nanoTime();
            await(runAll(keepAlives, concurrency, t -> keepAliveOnly(senderClient, t % pairs, sids[t % pairs],
                    keepAliveAlone, keepAloneFailures)));
            long k1 = System.nanoTime();
            long c1 = cpuTicks(gatewayPid);
            if (!cir) {
                resumePolling(run);
            }
            keepAloneSeconds += (k1 - k0) / 1e9;
            RelayRound round = new RelayRound(r, pairs, messages);
            run.rounds[r] = round;
            relayRound(run, round, senderClient, sids, concurrency, keepAliveEvery, burst, timeoutSeconds);
            long c2 = cpuTicks(gatewayPid);
            double kaMicros = gatewayPid <= 0 ? Double.NaN : ticksToSeconds(c1 - c0) * 1e6 / keepAlives;
            double relayMicros = gatewayPid <= 0 || round.delivered == 0 ? Double.NaN
                    : (ticksToSeconds(c2 - c1) * 1e6 - round.keepAlive.getTotalCount() * kaMicros) / round.delivered;
            figures[r - 1] = new RelayFigures(keepAlives / ((k1 - k0) / 1e9), kaMicros,
                    round.delivered / round.seconds(round.lastDeliveryNanos), relayMicros);
            System.out.printf(Locale.ROOT, "round %d: %.0f KeepAlives/s at %.1f us CPU each; %.0f messages/s delivered at "
                            + "%.1f us CPU each; CPU per message / per KeepAlive %.2f%n", r,
                    figures[r - 1].keepAlivesPerSecond(), kaMicros, figures[r - 1].messagesPerSecond(), relayMicros,
                    figures[r - 1].ratio());
            m.add(round);
        }

        // Stop the receivers: each finishes the exchange it is in (up to an empty answer) and starts no
        // other; then the CIR sockets and the HTTP connections are closed.
        run.stopping = true;
        long idleCheck = vertx.setPeriodic(5, id -> {
            boolean idle = cir ? Arrays.stream(receivers).noneMatch(r -> r.draining) : run.loopsRunning == 0;
            if (idle) {
                run.loopsDone.tryComplete();
            }
        });
        vertx.setTimer(10_000, id -> run.loopsDone.tryComplete());
        await(run.loopsDone.future());
        vertx.cancelTimer(idleCheck);
        vertx.runOnContext(v -> sockets.forEach(NetSocket::close));
        if (cirClient != null) {
            await(cirClient.close());
        }
        await(receiverClient.close());
        await(senderClient.close());

        int lost = m.lostTotal;
        double relaySeconds = m.relaySecondsTotal;
        double sendSeconds = m.sendSecondsTotal;
        double deliveredRate = m.delivered / relaySeconds;
        System.out.println();
        System.out.printf(Locale.ROOT, "relay: %d pairs x %d messages x %d rounds after warm-up rounds of %d per pair (not "
                        + "recorded), mode %s, %d sends in flight, a KeepAlive before %s%n",
                pairs, messages, measuredRounds, warmupMessages, mode, concurrency,
                keepAliveEvery == 1 ? "every message" : "every " + ordinal(keepAliveEvery) + " message");
        System.out.printf(Locale.ROOT, "%-11s %8s %8s %8s %8s %8s %9s %9s%n",
                "ms", "p50", "p90", "p99", "p99.9", "max", "per s", "failures");
        row("ka alone", keepAliveAlone, keepAliveAlone.getTotalCount() / keepAloneSeconds, keepAloneFailures.get());
        row("keep-alive", m.keepAlive, m.keepAlive.getTotalCount() / sendSeconds, m.keepAliveFailures.get());
        row("send", m.send, m.sendOk / sendSeconds, m.sendFailures);
        row("relay", m.relay, deliveredRate, m.receiveFailures);
        double r50 = ms(m.relay, 50) / ms(m.keepAlive, 50);
        double r99 = ms(m.relay, 99) / ms(m.keepAlive, 99);
        System.out.printf(Locale.ROOT, "relay / keep-alive during the relay: p50 %.2f, p99 %.2f   (send / keep-alive: p50 %.2f)%n",
                r50, r99, ms(m.send, 50) / ms(m.keepAlive, 50));
        double[] cpuRatios = Arrays.stream(figures).mapToDouble(RelayFigures::ratio).toArray();
        double[] rates = Arrays.stream(figures).mapToDouble(RelayFigures::messagesPerSecond).toArray();
        System.out.printf(Locale.ROOT, "gateway CPU per relayed message / per KeepAlive: median %.2f (rounds %s); "
                        + "delivered messages/s: median %.0f (rounds %s)%n",
                median(cpuRatios), Arrays.toString(cpuRatios), median(rates), Arrays.toString(rates));
        System.out.printf(Locale.ROOT, "messages: sent %d (send failures %d), delivered %d in %.2f s = %.0f msg/s, "
                        + "lost %d, duplicates %d by MessageID / %d by content / %d by Transaction-ID, misrouted %d, "
                        + "late %d%n",
                m.sendOk, m.sendFailures, m.delivered, relaySeconds, deliveredRate, lost, m.duplicateIds,
                m.duplicateContent, m.duplicateTransactionIds, m.misrouted, m.late.get());
        System.out.printf(Locale.ROOT, "receivers: %d polls (%d empty), %d WVCI lines, %d other primitives, %d failures, "
                        + "%d CIR connections closed by the gateway, %d foreign messages%n",
                m.polls, m.emptyPolls, m.wvci, m.otherPrimitives, m.receiveFailures, m.cirClosed, run.foreign);
        printSamples();
        System.out.printf(Locale.ROOT,
                "JSON {\"bench\":\"relay\",\"mode\":\"%s\",\"pairs\":%d,\"messages\":%d,\"rounds\":%d,\"burst\":%d,\"concurrency\":%d,\"warmup\":%d,"
                        + "\"keepalive_every\":%d,\"keepalive_alone\":%s,\"keepalive\":%s,\"send\":%s,\"relay\":%s,\"ratio_p50\":%.3f,\"ratio_p99\":%.3f,"
                        + "\"cpu_ratio_median\":%.3f,\"delivered_per_s_median\":%.0f,\"per_round\":[%s],"
                        + "\"sent\":%d,\"send_failures\":%d,\"delivered\":%d,\"delivered_per_s\":%.0f,\"lost\":%d,"
                        + "\"dup_message_id\":%d,\"dup_content\":%d,\"dup_transaction_id\":%d,\"misrouted\":%d,\"late\":%d,\"polls\":%d,\"empty_polls\":%d,"
                        + "\"wvci\":%d,\"receive_failures\":%d,\"keepalive_failures\":%d,\"cir_closed\":%d}%n",
                mode, pairs, messages, measuredRounds, burst, concurrency, warmupMessages, keepAliveEvery,
                json(keepAliveAlone, keepAliveAlone.getTotalCount() / keepAloneSeconds), json(m.keepAlive, m.keepAlive.getTotalCount() / sendSeconds),
                json(m.send, m.sendOk / sendSeconds), json(m.relay, deliveredRate), r50, r99, median(cpuRatios), median(rates),
                String.join(",", Arrays.stream(figures).map(RelayFigures::json).toList()), m.sendOk, m.sendFailures,
                m.delivered, deliveredRate, lost, m.duplicateIds, m.duplicateContent, m.duplicateTransactionIds,
                m.misrouted, m.late.get(), m.polls,
                m.emptyPolls, m.wvci, m.receiveFailures, m.keepAliveFailures.get() + keepAloneFailures.get(), m.cirClosed);
        boolean clean = lost == 0 && m.sendFailures == 0
                && m.duplicateIds + m.duplicateContent + m.duplicateTransactionIds + m.misrouted == 0
                && m.receiveFailures + m.keepAliveFailures.get() + keepAloneFailures.get() + m.cirClosed + run.foreign == 0
                && (warm == null || warm.lost() + warm.sendFailures + warm.duplicateIds + warm.duplicateContent
                + warm.duplicateTransactionIds + warm.misrouted == 0);
        return clean ? 0 : 1;
    }

    private static String ordinal(int k) {
        return k + (k % 100 >= 11 && k % 100 <= 13 ? "th" : switch (k % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        });
    }

    /** ClientCapability-Request (STCP for a CIR receiver, else no CIR: polling), then all services; NEWM must be agreed. */
    Future<Void> negotiate(HttpClient client, int toPort, int s, String sid, boolean stcp, String[] cirHost,
                                   int[] cirPort, int cirPortOpt) {
        String caps = "<ClientCapability-Request><CapabilityList><SupportedBearer>HTTP</SupportedBearer>"
                + (stcp ? "<SupportedCIRMethod>STCP</SupportedCIRMethod>" : "") + "</CapabilityList></ClientCapability-Request>";
        return post(client, toPort, inband(sid, 2, caps)).compose(xml -> {
            if (!xml.contains("<ClientCapability-Response>")) {
                return Future.failedFuture("no ClientCapability-Response: " + abbreviate(xml));
            }
            if (stcp) {
                if (!xml.contains("<SupportedCIRMethod>STCP</SupportedCIRMethod>")) {
                    return Future.failedFuture("STCP not agreed: " + abbreviate(xml));
                }
                String p = between(xml, "<TCPPort>", "</TCPPort>", 0);
                String h = between(xml, "<TCPAddress>", "</TCPAddress>", 0);
                cirPort[s] = p == null ? cirPortOpt : Integer.parseInt(p);
                cirHost[s] = h == null || h.isEmpty() ? host : h;
            }
            return post(client, toPort, inband(sid, 3, SERVICE_REQUEST));
        }).compose(xml -> {
            int at = xml.indexOf("<Service-Response>");
            if (at < 0) {
                return Future.failedFuture("no Service-Response: " + abbreviate(xml));
            }
            String code = between(xml, "<Code>", "</Code>", at);
            if (code != null && !code.equals("200")) {
                return Future.failedFuture("Service-Response " + code + ": " + abbreviate(xml));
            }
            if (!xml.contains("NEWM")) {
                return Future.failedFuture("NEWM not agreed: " + abbreviate(xml));
            }
            return Future.succeededFuture();
        });
    }

    /** Sends round.messages per pair, at most {@code concurrency} at a time, and waits for the deliveries. */
    private void relayRound(RelayRun run, RelayRound round, HttpClient senders, String[] sids, int concurrency,
                            int keepAliveEvery, int burst, int timeoutSeconds) throws Exception {
        int pairs = round.pairs;
        int total = pairs * round.messages;
        Promise<Void> started = Promise.promise();
        vertx.runOnContext(v -> {
            run.current = round;
            round.startNanos = System.nanoTime();
            started.complete();
        });
        await(started.future());
        long progress = progress("sends answered", round.answered, total, round.startNanos);
        // Task t is message k of pair i, in blocks of B consecutive messages of one pair: with B = 1
        // every sender has about one message in flight at a time, with B > 1 a burst of B each.
        runAll(total, concurrency, t -> {
            int i = (t / burst) % pairs;
            int k = t / (burst * pairs) * burst + t % burst;
            Future<Void> before = k % keepAliveEvery == 0 ? relayKeepAlive(senders, round, i, sids[i]) : Future.succeededFuture();
            return before.compose(v -> sendOne(senders, round, i, k, sids[i], "wv:" + user(pairs + i)));
        }).onComplete(ar -> {
            round.sendsDone = true;
            round.sendsDoneNanos = System.nanoTime();
            round.maybeSettle();
            vertx.setTimer(TimeUnit.SECONDS.toMillis(timeoutSeconds), id -> round.settle());
        });
        await(round.settled.future());
        vertx.cancelTimer(progress);
    }

    private Future<Void> relayKeepAlive(HttpClient client, RelayRound round, int i, String sid) {
        return keepAliveOnly(client, i, sid, round.keepAlive, round.keepAliveFailures);
    }

    /** A KeepAlive of sender i, timed into {@code h}: during a relay round, or alone (the baseline phase). */
    private Future<Void> keepAliveOnly(HttpClient client, int i, String sid, Histogram h, AtomicInteger failures) {
        String body = inband(sid, 5, "<KeepAlive-Request/>");
        long start = System.nanoTime();
        return post(client, body).transform(ar -> {
            long micros = (System.nanoTime() - start) / 1000;
            String problem = ar.failed() ? ar.cause().toString() : check(ar.result(), "KeepAlive-Response", null);
            record(h, micros, problem, failures, "keep-alive " + i);
            return Future.succeededFuture();
        });
    }

    private Future<Void> sendOne(HttpClient client, RelayRound round, int i, int k, String sid, String recipient) {
        int key = k * round.pairs + i;
        long start = System.nanoTime();
        String content = "relay " + round.id + " " + i + " " + k + " " + start;
        String body = inband(sid, 10 + k % 1000, "<SendMessage-Request><DeliveryReport>F</DeliveryReport><MessageInfo>"
                + "<ContentType>text/plain</ContentType><ContentSize>" + content.length() + "</ContentSize><Recipient><User>"
                + "<UserID>" + recipient + "</UserID></User></Recipient></MessageInfo><ContentData>" + content
                + "</ContentData></SendMessage-Request>");
        return post(client, body).transform(ar -> {
            long micros = (System.nanoTime() - start) / 1000;
            String problem = ar.failed() ? ar.cause().toString() : check(ar.result(), "SendMessage-Response", null);
            if (problem == null) {
                round.sendState[key] = 1;
                round.sendOk++;
                if (round.received[key] == 0) {
                    round.outstanding++;
                }
                record(round.send, micros, null, null, null);
            } else {
                round.sendState[key] = 2;
                round.sendFailures++;
                sample("send " + i + "/" + k + ": " + problem);
            }
            round.answered.incrementAndGet();
            return Future.succeededFuture();
        });
    }

    /** poll mode: Polling-Request, answer what comes, and again, until told to stop. */
    private void pollLoop(RelayRun run, Receiver r, HttpClient client) {
        if (run.stopping) {
            run.loopsRunning--;
            return;
        }
        if (run.paused) {
            run.pausedLoops.add(() -> pollLoop(run, r, client));
            return;
        }
        poll(run, r, client, () -> pollLoop(run, r, client));
    }

    /** poll mode: the receivers stop polling (each after the exchange it is in) until {@link #resumePolling}. */
    private void pausePolling(RelayRun run) throws Exception {
        Promise<Void> set = Promise.promise();
        vertx.runOnContext(v -> {
            run.paused = true;
            set.complete();
        });
        await(set.future());
        // Every loop parks at its next turn; an exchange in progress ends within a few round trips.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Promise<Boolean> parked = Promise.promise();
            vertx.runOnContext(v -> parked.complete(run.pausedLoops.size() == run.loopsRunning));
            if (await(parked.future())) {
                return;
            }
            Thread.sleep(5);
        }
    }

    private void resumePolling(RelayRun run) {
        vertx.runOnContext(v -> {
            run.paused = false;
            List<Runnable> parked = new ArrayList<>(run.pausedLoops);
            run.pausedLoops.clear();
            parked.forEach(Runnable::run);
        });
    }

    /** cir mode: a WVCI line; drain the queue, once more if another WVCI comes meanwhile. */
    private void wake(RelayRun run, Receiver r, HttpClient client) {
        if (run.stopping) {
            return;
        }
        if (r.draining) {
            r.again = true;
            return;
        }
        r.draining = true;
        poll(run, r, client, () -> drained(run, r, client));
    }

    private void drained(RelayRun run, Receiver r, HttpClient client) {
        if (r.again && !run.stopping) {
            r.again = false;
            poll(run, r, client, () -> drained(run, r, client));
        } else {
            r.draining = false;
        }
    }

    /** Polls, then answers each server transaction in turn, until an empty answer; then whenEmpty. */
    private void poll(RelayRun run, Receiver r, HttpClient client, Runnable whenEmpty) {
        if (run.stopping) {
            whenEmpty.run();
            return;
        }
        run.current.polls++;
        post(client, polling(r.sid)).onComplete(ar -> answer(run, r, client, ar, true, whenEmpty));
    }

    private void answer(RelayRun run, Receiver r, HttpClient client, AsyncResult<String> ar, boolean polled, Runnable whenEmpty) {
        long now = System.nanoTime();
        RelayRound cur = run.current;
        if (ar.failed()) {
            cur.receiveFailures++;
            sample("receiver " + r.index + ": " + ar.cause());
            r.again = true; // in cir mode something may still wait: poll again rather than wait for a WVCI
            vertx.setTimer(10, id -> whenEmpty.run());
            return;
        }
        String xml = ar.result();
        if (xml.isEmpty()) {
            if (polled) {
                cur.emptyPolls++;
            } else if (r.pollFlag && !run.stopping) {
                // The answer to our response is empty; the server message before it said more waits.
                r.pollFlag = false;
                poll(run, r, client, whenEmpty);
                return;
            }
            whenEmpty.run();
            return;
        }
        int tx = xml.indexOf("<TransactionMode>Request</TransactionMode>");
        if (tx < 0) {
            cur.receiveFailures++;
            sample("receiver " + r.index + ": not a server transaction: " + abbreviate(xml));
            r.again = true;
            vertx.setTimer(10, id -> whenEmpty.run());
            return;
        }
        String tid = between(xml, "<TransactionID>", "</TransactionID>", tx);
        r.pollFlag = xml.contains("<Poll>T</Poll>");
        if (!r.firstTime(tid) && !cur.closed) {
            cur.duplicateTransactionIds++;
            sample("receiver " + r.index + ": server Transaction-ID " + tid + " again: " + abbreviate(xml));
        }
        String reply;
        if (xml.contains("<NewMessage>")) {
            String id = between(xml, "<MessageID>", "</MessageID>", 0);
            received(run, r, id, between(xml, "<ContentData>", "</ContentData>", 0), now);
            reply = "<MessageDelivered><MessageID>" + id + "</MessageID></MessageDelivered>";
        } else {
            cur.otherPrimitives++;
            sample("receiver " + r.index + ": got " + abbreviate(xml));
            reply = "<Status><Result><Code>200</Code></Result></Status>";
        }
        post(client, clientResponse(r.sid, tid, reply)).onComplete(next -> answer(run, r, client, next, false, whenEmpty));
    }

    private void received(RelayRun run, Receiver r, String messageId, String content, long now) {
        String[] f = content == null ? new String[0] : content.split(" ");
        RelayRound round = null;
        int i = -1;
        int k = -1;
        long sentAt = 0;
        if (f.length == 5 && f[0].equals("relay")) {
            int id = Integer.parseInt(f[1]);
            round = id >= 0 && id < run.rounds.length ? run.rounds[id] : null;
            i = Integer.parseInt(f[2]);
            k = Integer.parseInt(f[3]);
            sentAt = Long.parseLong(f[4]);
        }
        if (round == null || i < 0 || i >= round.pairs || k < 0 || k >= round.messages) {
            run.foreign++;
            sample("receiver " + r.index + ": foreign message " + messageId + ": " + content);
            return;
        }
        if (round.closed) {
            round.late.incrementAndGet();
            return;
        }
        if (messageId == null || !run.seenIds.add(messageId)) {
            round.duplicateIds++;
            sample("receiver " + r.index + ": MessageID " + messageId + " again (" + content + ")");
        }
        if (i != r.index) {
            round.misrouted++;
            sample("receiver " + r.index + " got pair " + i + "'s message " + k);
        }
        int key = k * round.pairs + i;
        if (++round.received[key] > 1) {
            round.duplicateContent++;
            sample("receiver " + r.index + ": message " + i + "/" + k + " again as " + messageId);
            return;
        }
        round.delivered++;
        round.lastDeliveryNanos = now;
        record(round.relay, (now - sentAt) / 1000, null, null, null);
        if (round.sendState[key] == 1) {
            round.outstanding--;
            round.maybeSettle();
        }
    }

    /** HELO over a new TCP CIR connection; after OK, every WVCI line wakes the receiver up. */
    private Future<NetSocket> relayHelo(NetClient nc, String target, int cirPort, RelayRun run, Receiver r, HttpClient client) {
        return cirHelo(nc, target, cirPort, r.sid, () -> {
            run.current.wvci++;
            wake(run, r, client);
        }, line -> sample("receiver " + r.index + ": CIR line " + line), () -> {
            if (!run.stopping) {
                run.current.cirClosed++;
                sample("receiver " + r.index + ": CIR connection closed by the gateway");
            }
        });
    }

    /**
     * HELO over a new TCP CIR connection, completed by the gateway's OK. After it, each WVCI line runs
     * {@code onWakeUp}, any other line but OK goes to {@code onOtherLine}, and the gateway closing the
     * connection runs {@code onClosed}.
     */
    static Future<NetSocket> cirHelo(NetClient nc, String target, int cirPort, String sid, Runnable onWakeUp,
                                     java.util.function.Consumer<String> onOtherLine, Runnable onClosed) {
        return nc.connect(cirPort, target).compose(socket -> {
            Promise<NetSocket> ok = Promise.promise();
            socket.handler(RecordParser.newDelimited("\r\n", raw -> {
                String line = raw.toString(StandardCharsets.US_ASCII);
                if (!ok.future().isComplete()) {
                    if (line.equals("OK")) {
                        ok.complete(socket);
                    } else {
                        ok.tryFail("answer to HELO: " + line);
                        socket.close();
                    }
                } else if (line.startsWith("WVCI ")) {
                    onWakeUp.run();
                } else if (!line.equals("OK")) {
                    onOtherLine.accept(line);
                }
            }));
            socket.closeHandler(v -> {
                if (!ok.tryFail("closed before OK")) {
                    onClosed.run();
                }
            });
            socket.write("HELO " + sid + "\r\n");
            return ok.future();
        });
    }

    /** Polling-Request as real clients send it: no Transaction-ID. */
    static String polling(String sid) {
        return "<WV-CSP-Message xmlns=\"" + NS + "\"><Session><SessionDescriptor><SessionType>Inband</SessionType>"
                + "<SessionID>" + sid + "</SessionID></SessionDescriptor><Transaction><TransactionDescriptor>"
                + "<TransactionMode>Request</TransactionMode></TransactionDescriptor><TransactionContent xmlns=\"" + TRC
                + "\"><Polling-Request/></TransactionContent></Transaction></Session></WV-CSP-Message>";
    }

    /** The client's answer to a server transaction: Response mode, the server's Transaction-ID. */
    static String clientResponse(String sid, String tid, String content) {
        return "<WV-CSP-Message xmlns=\"" + NS + "\"><Session><SessionDescriptor><SessionType>Inband</SessionType>"
                + "<SessionID>" + sid + "</SessionID></SessionDescriptor><Transaction><TransactionDescriptor>"
                + "<TransactionMode>Response</TransactionMode><TransactionID>" + tid + "</TransactionID>"
                + "</TransactionDescriptor><TransactionContent xmlns=\"" + TRC + "\">" + content
                + "</TransactionContent></Transaction></Session></WV-CSP-Message>";
    }

    // ---------------------------------------------------------------- failover

    /**
     * The steady KeepAlive traffic of the failover run and what it saw, split by the kill. Touched on
     * the load tool's event loop only; the main thread reads it after {@link #stopped} completed.
     */
    private static final class Steady {
        final int sessions;
        /** By session: nanoseconds from the kill to its first success sent after the kill; 0 while none. */
        final long[] recovered;
        /** By session: when it sent its first request after the kill; 0 while none. */
        final long[] firstAttempt;
        /** By session: nanoseconds from its first request after the kill to its first success; 0 while none. */
        final long[] outage;
        final Histogram before = histogram();
        final Histogram inFlight = histogram();
        final Histogram after = histogram();
        final Histogram settled = histogram();
        final Promise<Void> allRecovered = Promise.promise();
        final Promise<Void> stopped = Promise.promise();
        long recordFrom = Long.MAX_VALUE;
        long recordUntil;
        long killNanos;
        long allRecoveredNanos;
        int recoveredCount;
        int beforeFailures;
        int inFlightFailures;
        int afterFailures;
        int running;
        boolean stopping;

        Steady(int sessions) {
            this.sessions = sessions;
            this.recovered = new long[sessions];
            this.firstAttempt = new long[sessions];
            this.outage = new long[sessions];
        }

        /** Notes a request about to be sent: the first one of a session after the kill starts its outage. */
        void sending(int i, long now) {
            if (killNanos != 0 && firstAttempt[i] == 0) {
                firstAttempt[i] = now;
            }
        }

        /**
         * Files one answered KeepAlive: before the kill (the baseline, once warm), in flight across the
         * kill, or sent after it; the first success of a session after the kill is its recovery.
         */
        String record(int i, long sent, long done, String problem) {
            long micros = Math.max(1, (done - sent) / 1000);
            if (killNanos == 0) {
                if (problem != null) {
                    beforeFailures++;
                    return "before the kill: " + problem;
                }
                if (sent >= recordFrom) {
                    before.recordValue(Math.min(micros, before.getHighestTrackableValue()));
                    recordUntil = done;
                }
                return null;
            }
            if (sent < killNanos) {
                if (problem != null) {
                    inFlightFailures++;
                    return "in flight at the kill: " + problem;
                }
                inFlight.recordValue(Math.min(micros, inFlight.getHighestTrackableValue()));
                return null;
            }
            if (problem != null) {
                afterFailures++;
                return "after the kill: " + problem;
            }
            after.recordValue(Math.min(micros, after.getHighestTrackableValue()));
            if (allRecoveredNanos != 0 && sent >= allRecoveredNanos) {
                settled.recordValue(Math.min(micros, settled.getHighestTrackableValue()));
            }
            if (recovered[i] == 0) {
                recovered[i] = Math.max(1, done - killNanos);
                outage[i] = Math.max(1, done - firstAttempt[i]);
                if (++recoveredCount == sessions) {
                    allRecoveredNanos = done;
                    allRecovered.tryComplete();
                }
            }
            return null;
        }

        /**
         * The given share of the sessions had their value (nanoseconds, 0 = not recovered) at most this
         * many milliseconds; -1 when fewer sessions recovered.
         */
        double quantileMs(long[] bySession, double share) {
            long[] done = Arrays.stream(bySession).filter(r -> r > 0).sorted().toArray();
            int needed = Math.max(1, (int) Math.ceil(share * sessions));
            return done.length < needed ? -1 : done[needed - 1] / 1e6;
        }

        /** Sessions whose value (nanoseconds) exceeds the given milliseconds. */
        long countAbove(long[] bySession, double ms) {
            return Arrays.stream(bySession).filter(r -> r > ms * 1e6).count();
        }
    }

    private int failover() throws Exception {
        int n = intOpt("sessions", 1000);
        int queued = intOpt("queued", 3);
        int concurrency = intOpt("concurrency", 16);
        int intervalMs = intOpt("interval-ms", 2000);
        int warmupSeconds = intOpt("warmup", 5);
        int beforeSeconds = intOpt("before", 10);
        int afterSeconds = intOpt("after", 10);
        int timeoutSeconds = intOpt("timeout", 60);
        long victimPid = Long.parseLong(required("victim-pid"));
        int[] survivors = ports(required("survivor-ports"));
        if (users <= n) {
            System.err.println("failover needs --users above --sessions: session i is load<i>, the sender load<sessions>");
            return 2;
        }
        ProcessHandle victim = ProcessHandle.of(victimPid).orElse(null);
        if (victim == null || !victim.isAlive()) {
            System.err.println("no victim process " + victimPid);
            return 2;
        }

        // Logged in and negotiated through the victim, which therefore owns every one of them.
        HttpClient setup = httpClient(concurrency, true);
        String[] sids = new String[n];
        AtomicInteger setupFailures = new AtomicInteger();
        long t0 = System.nanoTime();
        await(runAll(n, concurrency, i -> login(setup, i).compose(sid -> {
            sids[i] = sid;
            return negotiate(setup, port, i, sid, false, null, null, 0);
        }).andThen(ar -> {
            if (ar.failed()) {
                setupFailures.incrementAndGet();
                sample("session " + i + ": " + ar.cause().getMessage());
            }
        })));
        double loginSeconds = (System.nanoTime() - t0) / 1e9;
        String sender = await(login(setup, survivors[0], n));
        await(negotiate(setup, survivors[0], n, sender, false, null, null, 0));
        System.out.printf(Locale.ROOT, "logged in and negotiated %d sessions through the victim (port %d) in %.1f s (%.0f/s), "
                + "%d failures; sender %s on port %d%n", n - setupFailures.get(), port, loginSeconds, n / loginSeconds,
                setupFailures.get(), user(n), survivors[0]);
        if (setupFailures.get() > 0) {
            printSamples();
            return 1;
        }
        AtomicInteger queueFailures = new AtomicInteger();
        await(runAll(n * queued, concurrency, t -> sendText(setup, survivors[0], sender, "wv:" + user(t % n),
                "q " + t % n + " " + t / n, queueFailures)));
        System.out.printf(Locale.ROOT, "queued %d messages (%d per session), %d failures%n", n * queued, queued, queueFailures.get());

        Steady st = new Steady(n);
        // One connection per session: requests held across the kill must not make the others queue in the pool.
        HttpClient steadyClient = httpClient(n, true);
        long start = System.nanoTime();
        vertx.runOnContext(v -> {
            st.running = n;
            for (int i = 0; i < n; i++) {
                int s = i;
                vertx.setTimer(1 + (long) intervalMs * i / n, id -> keepAliveLoop(st, steadyClient, s, sids[s],
                        survivors[s % survivors.length], intervalMs));
            }
        });
        await(vertx.timer(TimeUnit.SECONDS.toMillis(warmupSeconds)));
        vertx.runOnContext(v -> st.recordFrom = System.nanoTime());
        await(vertx.timer(TimeUnit.SECONDS.toMillis(beforeSeconds)));
        Promise<Void> killed = Promise.promise();
        vertx.runOnContext(v -> {
            st.killNanos = System.nanoTime();
            // SIGKILL on Linux: no shutdown hook, no goodbye to the cluster.
            victim.destroyForcibly();
            killed.complete();
        });
        await(killed.future());
        System.out.printf(Locale.ROOT, "killed the victim (pid %d, SIGKILL) %.1f s into the steady phase%n", victimPid,
                (st.killNanos - start) / 1e9);
        Promise<Void> waited = Promise.promise();
        st.allRecovered.future().onComplete(ar -> waited.tryComplete());
        vertx.setTimer(TimeUnit.SECONDS.toMillis(timeoutSeconds), id -> waited.tryComplete());
        await(waited.future());
        await(vertx.timer(TimeUnit.SECONDS.toMillis(afterSeconds)));
        vertx.runOnContext(v -> st.stopping = true);
        await(st.stopped.future());
        await(steadyClient.close());

        // The sender reaches every session on its new owner, then each session takes its whole queue.
        AtomicInteger laterFailures = new AtomicInteger();
        await(runAll(n, concurrency, i -> sendText(setup, survivors[0], sender, "wv:" + user(i), "p " + i, laterFailures)));
        HttpClient pollClient = httpClient(concurrency, true);
        List<List<String[]>> got = new ArrayList<>(Collections.nCopies(n, List.of()));
        AtomicInteger pollFailures = new AtomicInteger();
        await(runAll(n, concurrency, i -> takeQueue(pollClient, survivors[i % survivors.length], sids[i]).andThen(ar -> {
            if (ar.succeeded()) {
                got.set(i, ar.result());
            } else {
                pollFailures.incrementAndGet();
                sample("poll " + i + ": " + ar.cause().getMessage());
            }
        })));
        await(pollClient.close());
        await(setup.close());
        int expected = 0;
        int delivered = 0;
        int lost = 0;
        int duplicates = 0;
        int foreign = 0;
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < n; i++) {
            List<String> want = new ArrayList<>();
            for (int k = 0; k < queued; k++) {
                want.add("q " + i + " " + k);
            }
            want.add("p " + i);
            expected += want.size();
            Map<String, Integer> seen = new HashMap<>();
            for (String[] m : got.get(i)) {
                delivered++;
                if (m[0] == null || !ids.add(m[0])) {
                    duplicates++;
                    sample("session " + i + ": MessageID " + m[0] + " again (" + m[1] + ")");
                }
                if (!want.contains(m[1])) {
                    foreign++;
                    sample("session " + i + ": unexpected " + m[1]);
                } else if (seen.merge(m[1], 1, Integer::sum) > 1) {
                    duplicates++;
                    sample("session " + i + ": " + m[1] + " again");
                }
            }
            for (String w : want) {
                if (!seen.containsKey(w)) {
                    lost++;
                }
            }
        }

        double baseP50 = ms(st.before, 50);
        double baselineSeconds = Math.max(1, st.recordUntil - st.recordFrom) / 1e9;
        double[] shares = {1.0 / n, 0.5, 0.9, 0.99, 1.0};
        String[] shareNames = {"first (min)", "50 %", "90 %", "99 %", "100 %"};
        double[] fromKill = new double[shares.length];
        double[] outage = new double[shares.length];
        for (int k = 0; k < shares.length; k++) {
            fromKill[k] = st.quantileMs(st.recovered, shares[k]);
            outage[k] = st.quantileMs(st.outage, shares[k]);
        }
        long waitedLong = st.countAbove(st.outage, 5000);
        System.out.println();
        System.out.printf(Locale.ROOT, "failover: %d sessions owned by the victim, %d queued messages each, a KeepAlive every %d ms "
                + "per session (one in flight) through port(s) %s%n", n, queued, intervalMs, opts.get("survivor-ports"));
        System.out.printf(Locale.ROOT, "%-24s %8s %8s %8s %8s %8s %9s %9s%n", "KeepAlive ms", "p50", "p90", "p99", "p99.9",
                "max", "count", "failures");
        failoverRow("before the kill", st.before, st.beforeFailures);
        failoverRow("in flight at the kill", st.inFlight, st.inFlightFailures);
        failoverRow("sent after the kill", st.after, st.afterFailures);
        failoverRow("after all recovered", st.settled, 0);
        System.out.printf(Locale.ROOT, "%-16s %22s %12s %26s %12s%n", "sessions", "kill -> success, ms", "x base p50",
                "1st try -> success, ms", "x base p50");
        for (int k = 0; k < shares.length; k++) {
            System.out.printf(Locale.ROOT, "%-16s %22.1f %12.0f %26.1f %12.0f%n", shareNames[k], fromKill[k], fromKill[k] / baseP50,
                    outage[k], outage[k] / baseP50);
        }
        System.out.printf(Locale.ROOT, "recovered %d/%d sessions, %d of them waited more than 5 s for their first success; "
                        + "baseline %.0f KeepAlives/s; failed transactions from the kill on: %d (%d in flight, %d sent after)%n",
                st.recoveredCount, n, waitedLong, st.before.getTotalCount() / baselineSeconds,
                st.inFlightFailures + st.afterFailures, st.inFlightFailures, st.afterFailures);
        System.out.printf(Locale.ROOT, "messages: %d expected (%d queued before the kill, %d sent after), delivered %d, lost %d, "
                        + "duplicates %d, unexpected %d; send failures %d before / %d after, poll failures %d%n",
                expected, n * queued, n, delivered, lost, duplicates, foreign, queueFailures.get(), laterFailures.get(),
                pollFailures.get());
        printSamples();
        System.out.printf(Locale.ROOT,
                "JSON {\"bench\":\"failover\",\"sessions\":%d,\"queued_per_session\":%d,\"interval_ms\":%d,\"login_s\":%.3f,"
                        + "\"before\":%s,\"in_flight\":%s,\"after\":%s,\"settled\":%s,"
                        + "\"kill_to_success_ms\":{\"first\":%.1f,\"p50\":%.1f,\"p90\":%.1f,\"p99\":%.1f,\"p100\":%.1f},"
                        + "\"first_try_to_success_ms\":{\"first\":%.1f,\"p50\":%.1f,\"p90\":%.1f,\"p99\":%.1f,\"p100\":%.1f},"
                        + "\"first_ratio\":%.1f,\"p100_ratio\":%.1f,\"recovered\":%d,\"waited_over_5s\":%d,"
                        + "\"failures\":{\"before\":%d,\"in_flight\":%d,\"after\":%d,\"send_before\":%d,\"send_after\":%d,\"poll\":%d},"
                        + "\"messages\":{\"expected\":%d,\"delivered\":%d,\"lost\":%d,\"duplicates\":%d,\"unexpected\":%d}}%n",
                n, queued, intervalMs, loginSeconds, json(st.before, st.before.getTotalCount() / baselineSeconds),
                countJson(st.inFlight), countJson(st.after), countJson(st.settled), fromKill[0], fromKill[1], fromKill[2],
                fromKill[3], fromKill[4], outage[0], outage[1], outage[2], outage[3], outage[4], fromKill[0] / baseP50,
                fromKill[4] / baseP50, st.recoveredCount, waitedLong, st.beforeFailures, st.inFlightFailures, st.afterFailures,
                queueFailures.get(), laterFailures.get(), pollFailures.get(), expected, delivered, lost, duplicates, foreign);
        boolean clean = st.recoveredCount == n && st.beforeFailures + st.inFlightFailures + st.afterFailures == 0
                && lost + duplicates + foreign == 0 && queueFailures.get() + laterFailures.get() + pollFailures.get() == 0;
        return clean ? 0 : 1;
    }

    /** KeepAlive, wait the interval after the answer, again, until told to stop. */
    private void keepAliveLoop(Steady st, HttpClient client, int i, String sid, int toPort, int intervalMs) {
        if (st.stopping) {
            if (--st.running == 0) {
                st.stopped.tryComplete();
            }
            return;
        }
        long sent = System.nanoTime();
        st.sending(i, sent);
        post(client, toPort, inband(sid, 7, "<KeepAlive-Request/>")).onComplete(ar -> {
            String problem = ar.failed() ? ar.cause().toString() : check(ar.result(), "KeepAlive-Response", null);
            String failure = st.record(i, sent, System.nanoTime(), problem);
            if (failure != null) {
                sample("session " + i + " " + failure);
            }
            vertx.setTimer(intervalMs, id -> keepAliveLoop(st, client, i, sid, toPort, intervalMs));
        });
    }

    private static void failoverRow(String name, Histogram h, int failures) {
        System.out.printf(Locale.ROOT, "%-24s %8.3f %8.3f %8.3f %8.3f %8.3f %9d %9d%n", name, ms(h, 50), ms(h, 90), ms(h, 99),
                ms(h, 99.9), h.getMaxValue() / 1000.0, h.getTotalCount(), failures);
    }

    private static String countJson(Histogram h) {
        return String.format(Locale.ROOT, "{\"count\":%d,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f}",
                h.getTotalCount(), ms(h, 50), ms(h, 99), h.getMaxValue() / 1000.0);
    }

    /** One SendMessage-Request of {@code text} to {@code recipient}; a failure is counted, not raised. */
    private Future<Void> sendText(HttpClient client, int toPort, String sid, String recipient, String text, AtomicInteger failures) {
        String body = inband(sid, 8, "<SendMessage-Request><DeliveryReport>F</DeliveryReport><MessageInfo><ContentType>text/plain"
                + "</ContentType><ContentSize>" + text.length() + "</ContentSize><Recipient><User><UserID>" + recipient
                + "</UserID></User></Recipient></MessageInfo><ContentData>" + text + "</ContentData></SendMessage-Request>");
        return post(client, toPort, body).transform(ar -> {
            String problem = ar.failed() ? ar.cause().toString() : check(ar.result(), "SendMessage-Response", null);
            if (problem != null) {
                failures.incrementAndGet();
                sample("send " + text + ": " + problem);
            }
            return Future.succeededFuture();
        });
    }

    /**
     * Polls and answers every server transaction (MessageDelivered for a NewMessage), polling again
     * after each answer, until a poll gets an empty answer; the Message-ID and ContentData of each NewMessage, in order (null Message-ID for others).
     */
    private Future<List<String[]>> takeQueue(HttpClient client, int toPort, String sid) {
        Promise<List<String[]>> done = Promise.promise();
        List<String[]> got = new ArrayList<>();
        post(client, toPort, polling(sid)).onComplete(ar -> takeNext(client, toPort, sid, ar, got, done));
        return done.future();
    }

    private void takeNext(HttpClient client, int toPort, String sid, AsyncResult<String> ar, List<String[]> got,
                          Promise<List<String[]>> done) {
        if (ar.failed()) {
            done.fail(ar.cause());
            return;
        }
        String xml = ar.result();
        if (xml.isEmpty()) {
            done.complete(got);
            return;
        }
        int tx = xml.indexOf("<TransactionMode>Request</TransactionMode>");
        if (tx < 0) {
            done.fail("not a server transaction: " + abbreviate(xml));
            return;
        }
        String tid = between(xml, "<TransactionID>", "</TransactionID>", tx);
        String reply;
        if (xml.contains("<NewMessage>")) {
            String id = between(xml, "<MessageID>", "</MessageID>", 0);
            got.add(new String[] {id, between(xml, "<ContentData>", "</ContentData>", 0)});
            reply = "<MessageDelivered><MessageID>" + id + "</MessageID></MessageDelivered>";
        } else {
            got.add(new String[] {null, abbreviate(xml)});
            reply = "<Status><Result><Code>200</Code></Result></Status>";
        }
        // The answer to a response is empty: poll for the next one.
        post(client, toPort, clientResponse(sid, tid, reply)).compose(empty -> post(client, toPort, polling(sid)))
                .onComplete(next -> takeNext(client, toPort, sid, next, got, done));
    }

    // ---------------------------------------------------------------- drain

    // ---------------------------------------------------------------- fan-out (group messages, presence updates)

    private int fanOut() throws Exception {
        String mode = opts.getOrDefault("mode", "group");
        if (!mode.equals("group") && !mode.equals("presence")) {
            usage();
        }
        boolean group = mode.equals("group");
        int members = intOpt("members", group ? 50 : 100);
        int concurrency = intOpt("concurrency", 16);
        int senders = Math.min(intOpt("senders", concurrency), group ? members : Integer.MAX_VALUE);
        int messages = intOpt("messages", 2000);
        int copies = group ? members - 1 : members;
        int items = intOpt("items", Math.max(1, messages / copies));
        userPrefix = opts.getOrDefault("user-prefix", "f");
        return new FanOut(this, vertx, group, members, senders).run(messages, items, concurrency,
                Math.max(1, intOpt("rounds", 2)), intOpt("warmup", messages), intOpt("timeout", 30),
                Long.parseLong(opts.getOrDefault("gateway-pid", "0")), intOpt("cir-port", 7000));
    }

    // ---------------------------------------------------------------- scale (idle sessions held by one node)

    private int scale() throws Exception {
        int n = intOpt("sessions", 1_000_000);
        List<Integer> checkpoints = new ArrayList<>();
        for (String c : opts.getOrDefault("checkpoints", "10000," + n).split(",")) {
            int k = Integer.parseInt(c.trim());
            if (k <= n && (checkpoints.isEmpty() || k > checkpoints.get(checkpoints.size() - 1))) {
                checkpoints.add(k);
            }
        }
        if (checkpoints.isEmpty() || checkpoints.get(checkpoints.size() - 1) != n) {
            checkpoints.add(n);
        }
        return new IdleScale(this, vertx).run(n, checkpoints, intOpt("concurrency", 64), intOpt("rate", 2000),
                intOpt("seconds", 20), Long.parseLong(opts.getOrDefault("gateway-pid", "0")));
    }

    /** The gateway's HTTP port (--port). */
    int port() {
        return port;
    }

    private int drain() throws Exception {
        int n = intOpt("sessions", 10000);
        int concurrency = intOpt("concurrency", 32);
        int during = intOpt("during-concurrency", 4);
        int mgmtPort = Integer.parseInt(required("mgmt-port"));
        int[] survivors = ports(required("survivor-ports"));
        ttlSpread = Math.min(1000, ttl - 30);

        HttpClient client = httpClient(concurrency, true);
        AtomicInteger loginFailures = new AtomicInteger();
        LoggedIn in = logInAll(client, n, concurrency, loginFailures);
        String[] sids = in.sids();
        double loginSeconds = in.seconds();
        System.out.printf(Locale.ROOT, "logged in %d sessions through the node to drain (port %d) in %.1f s (%.0f/s), %d failures%n",
                n - loginFailures.get(), port, loginSeconds, n / loginSeconds, loginFailures.get());
        if (loginFailures.get() > 0) {
            printSamples();
            return 1;
        }
        Histogram forwarded = histogram();
        AtomicInteger forwardedFailures = new AtomicInteger();
        long t1 = System.nanoTime();
        await(runAll(n, concurrency, i -> checkedKeepAlive(client, survivors[i % survivors.length], i, sids[i], forwarded,
                forwardedFailures)));
        double forwardedSeconds = (System.nanoTime() - t1) / 1e9;
        System.out.printf(Locale.ROOT, "a KeepAlive per session through the other nodes (forwarded to the owner): %.1f s, %d failures%n",
                forwardedSeconds, forwardedFailures.get());

        // A few clients keep going through the other nodes while the sessions move.
        Histogram meanwhile = histogram();
        AtomicInteger meanwhileFailures = new AtomicInteger();
        boolean[] drained = {false};
        AtomicInteger next = new AtomicInteger();
        List<Future<Void>> loops = new ArrayList<>();
        for (int c = 0; c < during; c++) {
            loops.add(duringLoop(client, survivors, sids, next, drained, meanwhile, meanwhileFailures));
        }
        HttpClient admin = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(30000));
        long t2 = System.nanoTime();
        String answer = await(admin.request(new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(mgmtPort)
                .setURI("/admin/drain").putHeader("Authorization", "Bearer " + managementToken())).compose(req -> req.send()).compose(resp -> resp.body()
                .map(b -> resp.statusCode() + " " + b.toString(StandardCharsets.UTF_8))));
        double drainSeconds = (System.nanoTime() - t2) / 1e9;
        vertx.runOnContext(v -> drained[0] = true);
        await(Future.join(loops));
        int status = Integer.parseInt(answer.substring(0, 3));
        JsonObject result = status == 200 ? new JsonObject(answer.substring(4)) : new JsonObject();
        int moved = result.getInteger("sessionsMoved", -1);
        int ready = await(admin.request(new RequestOptions().setHost(host).setPort(mgmtPort).setURI("/health/ready"))
                .compose(req -> req.send()).map(resp -> resp.statusCode()));
        await(admin.close());
        System.out.printf(Locale.ROOT, "POST /admin/drain answered %s after %.2f s; readiness now %d%n", answer, drainSeconds, ready);

        Histogram local = histogram();
        AtomicInteger verifyFailures = new AtomicInteger();
        long t3 = System.nanoTime();
        await(runAll(n, concurrency, i -> checkedKeepAlive(client, survivors[i % survivors.length], i, sids[i], local,
                verifyFailures)));
        double verifySeconds = (System.nanoTime() - t3) / 1e9;
        await(client.close());

        System.out.println();
        System.out.printf(Locale.ROOT, "drain: %d sessions owned by the node on port %d, moved to the nodes on port(s) %s%n", n, port,
                opts.get("survivor-ports"));
        System.out.printf(Locale.ROOT, "%-36s %10s %12s %9s%n", "phase", "seconds", "sessions/s", "failures");
        System.out.printf(Locale.ROOT, "%-36s %10.2f %12.0f %9d%n", "log in (baseline)", loginSeconds, n / loginSeconds, loginFailures.get());
        System.out.printf(Locale.ROOT, "%-36s %10.2f %12.0f %9d%n", "drain (POST /admin/drain)", drainSeconds, moved / drainSeconds,
                status == 200 ? 0 : 1);
        System.out.printf(Locale.ROOT, "%-36s %10.2f %12.0f %9d%n", "KeepAlive each, before (forwarded)", forwardedSeconds,
                n / forwardedSeconds, forwardedFailures.get());
        System.out.printf(Locale.ROOT, "%-36s %10.2f %12.0f %9d%n", "KeepAlive each, after (on A and B)", verifySeconds,
                n / verifySeconds, verifyFailures.get());
        System.out.printf(Locale.ROOT, "sessions moved %d of %d; drain time / login time %.2f; readiness of the drained node %d%n",
                moved, n, drainSeconds / loginSeconds, ready);
        System.out.printf(Locale.ROOT, "during the drain, %d clients: %d KeepAlives, p50 %.3f ms, p99 %.3f ms, max %.3f ms, %d failures%n",
                during, meanwhile.getTotalCount(), ms(meanwhile, 50), ms(meanwhile, 99), meanwhile.getMaxValue() / 1000.0,
                meanwhileFailures.get());
        printSamples();
        System.out.printf(Locale.ROOT,
                "JSON {\"bench\":\"drain\",\"sessions\":%d,\"moved\":%d,\"login_s\":%.3f,\"drain_s\":%.3f,\"moved_per_s\":%.0f,"
                        + "\"ratio_drain_login\":%.3f,\"ready_after\":%d,\"forwarded\":%s,\"after\":%s,\"during\":%s,"
                        + "\"failures\":{\"login\":%d,\"forwarded\":%d,\"during\":%d,\"after\":%d}}%n",
                n, moved, loginSeconds, drainSeconds, moved / drainSeconds, drainSeconds / loginSeconds, ready,
                json(forwarded, n / forwardedSeconds), json(local, n / verifySeconds), countJson(meanwhile),
                loginFailures.get(), forwardedFailures.get(), meanwhileFailures.get(), verifyFailures.get());
        boolean clean = status == 200 && moved == n && ready == 503
                && forwardedFailures.get() + meanwhileFailures.get() + verifyFailures.get() == 0;
        return clean ? 0 : 1;
    }

    /** A KeepAlive that must answer 200 with the KeepAliveTime session i asked for: the same session, its context intact. */
    private Future<Void> checkedKeepAlive(HttpClient client, int toPort, int i, String sid, Histogram h, AtomicInteger failures) {
        long start = System.nanoTime();
        return post(client, toPort, inband(sid, 7, "<KeepAlive-Request/>")).transform(ar -> {
            long micros = (System.nanoTime() - start) / 1000;
            String problem = ar.failed() ? ar.cause().toString() : check(ar.result(), "KeepAlive-Response", null);
            if (problem == null) {
                String kat = between(ar.result(), "<KeepAliveTime>", "</KeepAliveTime>", 0);
                if (!Integer.toString(ttl(i)).equals(kat)) {
                    problem = "KeepAliveTime " + kat + " instead of " + ttl(i);
                }
            }
            record(h, micros, problem, failures, "keep-alive " + i);
            return Future.succeededFuture();
        });
    }

    /** KeepAlives over the sessions in turn through the other nodes, one at a time, until the drain answered. */
    private Future<Void> duringLoop(HttpClient client, int[] survivors, String[] sids, AtomicInteger next, boolean[] drained,
                                    Histogram h, AtomicInteger failures) {
        Promise<Void> done = Promise.promise();
        duringNext(client, survivors, sids, next, drained, h, failures, done);
        return done.future();
    }

    private void duringNext(HttpClient client, int[] survivors, String[] sids, AtomicInteger next, boolean[] drained,
                            Histogram h, AtomicInteger failures, Promise<Void> done) {
        if (drained[0]) {
            done.complete();
            return;
        }
        int k = next.getAndIncrement();
        // a stride through the sessions, so that requests meet sessions early and late in the drain order
        int i = (int) ((k * 7919L) % sids.length);
        checkedKeepAlive(client, survivors[k % survivors.length], i, sids[i], h, failures)
                .onComplete(ar -> duringNext(client, survivors, sids, next, drained, h, failures, done));
    }

    private String required(String name) {
        String value = opts.get(name);
        if (value == null) {
            System.err.println("missing --" + name);
            usage();
        }
        return value;
    }

    private static int[] ports(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }

    // ---------------------------------------------------------------- CSP over HTTP

    HttpClient httpClient(int concurrency, boolean keepAlive) {
        HttpClientOptions o = new HttpClientOptions().setKeepAlive(keepAlive).setConnectTimeout(30000)
                .setIdleTimeout(60).setTcpNoDelay(true);
        return vertx.createHttpClient(o, new PoolOptions().setHttp1MaxSize(concurrency));
    }

    Future<String> post(HttpClient client, String body) {
        return post(client, port, body);
    }

    /** POSTs to the gateway node listening on {@code toPort} (of the cluster's nodes on --host). */
    Future<String> post(HttpClient client, int toPort, String body) {
        RequestOptions ro = new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(toPort).setURI(path)
                .putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE);
        return client.request(ro).compose(req -> req.send(body)).compose(resp -> {
            if (resp.statusCode() != 200) {
                return resp.body().transform(ar -> Future.failedFuture("HTTP " + resp.statusCode()));
            }
            return resp.body().map(b -> b.toString(StandardCharsets.UTF_8));
        });
    }

    /** One HTTP/1.1 POST that asks the server to close the connection after its answer. */
    private Buffer freshRequest(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nContent-Type: " + CONTENT_TYPE
                + "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
        return Buffer.buffer(head.length() + bytes.length).appendString(head, "US-ASCII").appendBytes(bytes);
    }

    /**
     * Sends the request on a new TCP connection (a bearer switch: nothing is reused) and completes with
     * the body of the answer once it is complete (Content-Length, or the server's close). A bare
     * NetSocket rather than an HttpClient with keep-alive off: the load tool then costs far less per
     * connection than the gateway, so the latencies are the gateway's.
     */
    private Future<String> postFresh(NetClient client, Buffer request) {
        return client.connect(port, host).compose(socket -> {
            Promise<String> answer = Promise.promise();
            Buffer got = Buffer.buffer(1024);
            int[] bodyStart = {-1};
            int[] length = {-1};
            socket.handler(data -> {
                got.appendBuffer(data);
                if (bodyStart[0] < 0) {
                    String text = got.toString(StandardCharsets.ISO_8859_1);
                    int end = text.indexOf("\r\n\r\n");
                    if (end < 0) {
                        return;
                    }
                    bodyStart[0] = end + 4;
                    String head = text.substring(0, end);
                    int sp = head.indexOf(' ');
                    String status = sp < 0 ? head : head.substring(sp + 1, Math.min(head.length(), sp + 4));
                    if (!status.equals("200")) {
                        answer.tryFail("HTTP " + status);
                        socket.close();
                        return;
                    }
                    for (String line : head.split("\r\n")) {
                        int colon = line.indexOf(':');
                        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                            length[0] = Integer.parseInt(line.substring(colon + 1).trim());
                        } else if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("transfer-encoding")) {
                            answer.tryFail("chunked answers are not supported by the load tool");
                            socket.close();
                            return;
                        }
                    }
                }
                if (length[0] >= 0 && got.length() - bodyStart[0] >= length[0]) {
                    answer.tryComplete(got.getString(bodyStart[0], bodyStart[0] + length[0], "UTF-8"));
                    socket.close();
                }
            });
            socket.exceptionHandler(err -> answer.tryFail(err));
            socket.closeHandler(v -> {
                if (bodyStart[0] >= 0 && length[0] < 0) {
                    answer.tryComplete(got.getString(bodyStart[0], got.length(), "UTF-8"));
                } else {
                    answer.tryFail("connection closed before the whole answer");
                }
            });
            socket.write(request);
            return answer.future();
        });
    }

    /** Outband login of session i; the Session-ID. */
    Future<String> login(HttpClient client, int i) {
        return login(client, port, i);
    }

    /** Outband login of session i through the node on {@code toPort}: that node owns the session. */
    private Future<String> login(HttpClient client, int toPort, int i) {
        return post(client, toPort, loginRequest(i, null)).compose(xml -> {
            String problem = check(xml, "Login-Response", null);
            if (problem != null) {
                return Future.failedFuture(problem);
            }
            int at = xml.indexOf("<Login-Response>");
            String sid = between(xml, "<SessionID>", "</SessionID>", at);
            return sid == null ? Future.failedFuture("no SessionID") : Future.succeededFuture(sid);
        });
    }

    /** Login-Request of session i: Outband without a Session-ID, Inband (recovery) with one. */
    private String loginRequest(int i, String sid) {
        return loginRequest(i, sid, "<Password>" + PASSWORD + "</Password>");
    }

    /** Login-Request of session i with the given credentials element(s): Password, DigestSchema or DigestBytes. */
    private String loginRequest(int i, String sid, String credentials) {
        return loginRequest(i, user(i), sid, credentials);
    }

    /** Login-Request of client i logging in as {@code user}. */
    private String loginRequest(int i, String user, String sid, String credentials) {
        String descriptor = sid == null
                ? "<SessionType>Outband</SessionType>"
                : "<SessionType>Inband</SessionType><SessionID>" + sid + "</SessionID>";
        return "<WV-CSP-Message xmlns=\"" + NS + "\"><Session><SessionDescriptor>" + descriptor + "</SessionDescriptor>"
                + "<Transaction><TransactionDescriptor><TransactionMode>Request</TransactionMode><TransactionID>"
                + (sid == null ? 1 : 3) + "</TransactionID></TransactionDescriptor><TransactionContent xmlns=\"" + TRC
                + "\"><Login-Request><UserID>" + user + "</UserID><ClientID><URL>" + clientPrefix + i
                + "</URL></ClientID>" + credentials + "<TimeToLive>" + ttl(i) + "</TimeToLive>"
                + "<SessionCookie>c" + i + "</SessionCookie></Login-Request></TransactionContent></Transaction>"
                + "</Session></WV-CSP-Message>";
    }

    /** The TimeToLive session i asks for: --ttl, less i modulo the spread, so sessions differ in their context. */
    private int ttl(int i) {
        return ttl - i % ttlSpread;
    }

    /** alice / bob alternately; with --users K, load0 … load(K-1) in turn (accounts the script generates). */
    String user(int i) {
        if (userPrefix != null) {
            return userPrefix + i;
        }
        return users > 0 ? "load" + (i % users) : USERS[i % USERS.length];
    }

    static String inband(String sid, int tid, String content) {
        return "<WV-CSP-Message xmlns=\"" + NS + "\"><Session><SessionDescriptor><SessionType>Inband</SessionType>"
                + "<SessionID>" + sid + "</SessionID></SessionDescriptor><Transaction><TransactionDescriptor>"
                + "<TransactionMode>Request</TransactionMode><TransactionID>" + tid + "</TransactionID>"
                + "</TransactionDescriptor><TransactionContent xmlns=\"" + TRC + "\">" + content
                + "</TransactionContent></Transaction></Session></WV-CSP-Message>";
    }

    // ---------------------------------------------------------------- helpers

    /** Prints "what k/n" every 30 s with the rate of the last period; the timer id. */
    private long progress(String what, AtomicInteger done, int n, long t0) {
        int[] last = {0};
        long[] lastNanos = {t0};
        return vertx.setPeriodic(30_000, id -> {
            long now = System.nanoTime();
            int k = done.get();
            System.out.printf(Locale.ROOT, "  %s %d/%d after %.0f s (%.0f/s over the last %.0f s)%n", what, k, n,
                    (now - t0) / 1e9, (k - last[0]) / ((now - lastNanos[0]) / 1e9), (now - lastNanos[0]) / 1e9);
            last[0] = k;
            lastNanos[0] = now;
        });
    }

    /** Runs task(0 … n-1), at most {@code concurrency} at a time; completes when all have completed. */
    Future<Void> runAll(int n, int concurrency, IntFunction<Future<?>> task) {
        Promise<Void> done = Promise.promise();
        if (n <= 0) {
            done.complete();
            return done.future();
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        Runnable[] launch = new Runnable[1];
        launch[0] = () -> {
            int i = next.getAndIncrement();
            if (i >= n) {
                return;
            }
            Future<?> f;
            try {
                f = task.apply(i);
            } catch (RuntimeException e) {
                f = Future.failedFuture(e);
            }
            boolean immediate = f.isComplete(); // no deep recursion through already completed tasks
            f.onComplete(ar -> {
                if (finished.incrementAndGet() == n) {
                    done.complete();
                } else if (immediate) {
                    vertx.runOnContext(x -> launch[0].run());
                } else {
                    launch[0].run();
                }
            });
        };
        vertx.runOnContext(v -> {
            for (int k = 0; k < Math.min(concurrency, n); k++) {
                launch[0].run();
            }
        });
        return done.future();
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get();
    }

    void sample(String s) {
        if (failureSamples.size() < MAX_SAMPLES) {
            failureSamples.add(s);
        }
    }

    void printSamples() {
        for (String s; (s = failureSamples.poll()) != null; ) {
            System.out.println("  failure: " + s);
        }
    }

    static String between(String s, String open, String close, int from) {
        int a = s.indexOf(open, Math.max(0, from));
        if (a < 0) {
            return null;
        }
        int b = s.indexOf(close, a + open.length());
        return b < 0 ? null : s.substring(a + open.length(), b);
    }

    static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }

    /** The management token the benchmark's nodes accept: the first of IMPS_MGMT_TOKENS (bench/lib.sh sets it). */
    private static String managementToken() {
        String tokens = System.getenv().getOrDefault("IMPS_MGMT_TOKENS", "");
        return tokens.split(",")[0].trim();
    }
}
