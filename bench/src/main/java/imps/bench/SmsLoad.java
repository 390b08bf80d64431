package imps.bench;

import imps.codec.pts.PtsPreamble;
import imps.codec.pts.PtsReassembler;
import imps.transport.sms.smpp.SmscSimulator;
import imps.transport.sms.smpp.SmscSimulator.Submitted;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SMS round trips through the SMSC simulator, the gateway against a bare SMPP echo, in one run.
 *
 * <pre>
 * SmsLoad --gateway-smsc-port P --echo-smsc-port Q --phones N --concurrency C --seconds D --rounds R
 *         [--warmup W] [--timeout S] [--bind-timeout S] [--user-prefix U] [--gateway-pid X] [--echo-pid Y]
 * </pre>
 *
 * <p>Starts two SMSC simulators in this JVM, on loopback ports P and Q, and waits (at most
 * --bind-timeout s, default 120) until the gateway has bound to the first and {@link SmsEcho} to the
 * second. Each simulator hands every submit_sm to this tool as it arrives ({@link
 * SmscSimulator#forwardSubmits}), which routes it to the phone it is addressed to.
 *
 * <ol>
 *   <li>Login: N phones, phone i with its own number and account U+i (default U = "sms", password
 *       secret: the gateway needs a users file with them), send a PTS Login-Request ({@code WV12LR1
 *       … PW=secret UI=wv:U+i}) as a port-addressed data SMS; at most C wait for their Login-Response
 *       at a time. Logins/s and login latency.</li>
 *   <li>Round trips: C workers, each owning every C-th phone and cycling through them, send a
 *       KeepAlive-Request ({@code WV12KA<tid> SI=<session>}) as a deliver_sm and wait for the answer's
 *       submit_sm to that phone: at most C round trips in flight, one per phone. To the gateway the
 *       answer must be a KeepAlive-Response with the same TransactionID and Session-ID and Status 200;
 *       the echo must give back the very bytes it got (the same requests go to both). Latency runs from
 *       just before the deliver_sm is written to the arrival of the answer's (last) submit_sm. A
 *       round trip not answered within --timeout s (default 10) is a time-out; a refused deliver_sm or
 *       a wrong answer an error; answers nobody waits for (after a time-out, or with another
 *       TransactionID) are counted as late, SMS to unknown numbers or ports as unexpected. The exit
 *       status is 1 when anything failed.</li>
 *   <li>Warm-up of W s (default 30) on each side, not recorded; then R rounds of D s, the echo first,
 *       then the gateway. Per round: round trips/s (completed / time until the last one completed),
 *       latency, errors, time-outs, and, given their process ids, the CPU the measured server and this
 *       tool used (from /proc, Linux clock ticks of 1/100 s).</li>
 * </ol>
 *
 * <p>Prints a table per round, the median ratio gateway / echo of round trips/s and of the servers'
 * CPU time per round trip (echo ÷ gateway, when their process ids are given), latency percentiles
 * of all rounds per side (ms) and a JSON line. Workers block in jSMPP (one thread each): pin this
 * tool to its own CPU with {@code taskset}.
 */
public final class SmsLoad {
    private static final String SYSTEM_ID = "imps";
    private static final String PASSWORD = "secret";
    private static final String GATEWAY_NUMBER = "3590";
    private static final int DATA_PORT = 3590;
    private static final int MAX_SAMPLES = 5;
    /** TransactionIDs in PTS have at most three digits. */
    private static final int MAX_TID = 999;
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final Map<String, String> opts;
    private final ConcurrentLinkedQueue<String> failureSamples = new ConcurrentLinkedQueue<>();

    private SmsLoad(Map<String, String> opts) {
        this.opts = opts;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                usage();
            }
            opts.put(args[i].substring(2), args[++i]);
        }
        if (!opts.containsKey("gateway-smsc-port") || !opts.containsKey("echo-smsc-port")) {
            usage();
        }
        System.exit(new SmsLoad(opts).run());
    }

    private static void usage() {
        System.err.println("""
                usage: SmsLoad --gateway-smsc-port P --echo-smsc-port Q --phones N --concurrency C --seconds D --rounds R
                               [--warmup W] [--timeout S] [--bind-timeout S] [--user-prefix U] [--gateway-pid X] [--echo-pid Y]""");
        System.exit(2);
    }

    private int intOpt(String name, int def) {
        return Integer.parseInt(opts.getOrDefault(name, Integer.toString(def)));
    }

    // ---------------------------------------------------------------- the phones

    /** What came back for a request: the whole PTS message and when its last SMS arrived. */
    private record Answer(byte[] pts, long nanos) {
    }

    /**
     * One phone on one SMSC: its number and session, and the one answer it waits for. The simulator's
     * threads deliver answers, the phone's worker waits for them; both go through this object's lock.
     */
    private static final class Phone {
        final String number;
        final String user;
        final PtsReassembler reassembler = new PtsReassembler(4, 60_000);
        String sessionId;
        private int tid;
        private String expectedTid;
        private CompletableFuture<Answer> waiting;

        Phone(String number, String user) {
            this.number = number;
            this.user = user;
        }

        String nextTid() {
            tid = tid % MAX_TID + 1;
            return Integer.toString(tid);
        }

        /** Registers the request about to be sent: its answer is the next message with this TransactionID. */
        synchronized CompletableFuture<Answer> expect(String transactionId) {
            expectedTid = transactionId;
            waiting = new CompletableFuture<>();
            return waiting;
        }

        synchronized void giveUp() {
            waiting = null;
        }

        /** One SMS to this phone; false when it completes a message nobody waits for (any more). */
        synchronized boolean received(byte[] sms, long nanos) {
            PtsReassembler.Outcome outcome = reassembler.accept(number, sms, System.currentTimeMillis());
            if (outcome.status() != PtsReassembler.Status.COMPLETE) {
                return true;
            }
            PtsPreamble preamble = PtsPreamble.read(outcome.message());
            if (waiting == null || preamble == null || !preamble.transactionId().equals(expectedTid)) {
                return false;
            }
            CompletableFuture<Answer> w = waiting;
            waiting = null;
            w.complete(new Answer(outcome.message(), nanos));
            return true;
        }
    }

    /** One SMSC and the phones on it: the gateway's or the echo's. */
    private static final class Side {
        final String name;
        /** The echo gives back each request as it got it; the gateway answers it. */
        final boolean echoes;
        final SmscSimulator smsc;
        final Phone[] phones;
        final Map<String, Phone> byDigits = new HashMap<>();
        final AtomicLong late = new AtomicLong();
        final AtomicLong unexpected = new AtomicLong();
        final long pid;
        final Histogram all = histogram();
        final List<Round> rounds = new ArrayList<>();

        Side(String name, boolean echoes, SmscSimulator smsc, Phone[] phones, long pid) {
            this.name = name;
            this.echoes = echoes;
            this.smsc = smsc;
            this.phones = phones;
            this.pid = pid;
            for (Phone p : phones) {
                byDigits.put(p.number.substring(1), p);
            }
            smsc.forwardSubmits(this::submitted);
        }

        private void submitted(Submitted s) {
            Phone phone = byDigits.get(s.destination());
            Integer port = s.destinationPort();
            if (phone == null || port == null || port != DATA_PORT) {
                unexpected.incrementAndGet();
                return;
            }
            if (!phone.received(s.userData(), s.receivedNanos())) {
                late.incrementAndGet();
            }
        }
    }

    /** What one side did in one round; CPU shares of one core, NaN when unknown. */
    private record Round(double perSecond, long completed, long errors, long timeouts, double p50, double p99,
                         double serverCpu, double loadCpu) {

        /**
         * The measured server's CPU time per round trip in µs: unlike round trips/s it does not
         * depend on whether the server or this tool set the pace, nor on what else ran on its core.
         */
        double serverMicrosPerTrip() {
            return serverCpu * 1e6 / perSecond;
        }
    }

    // ---------------------------------------------------------------- the run

    private int run() throws Exception {
        int n = intOpt("phones", 200);
        int concurrency = Math.max(1, Math.min(intOpt("concurrency", 16), n));
        int seconds = intOpt("seconds", 10);
        int rounds = intOpt("rounds", 3);
        int warmup = intOpt("warmup", 30);
        long timeoutNanos = TimeUnit.SECONDS.toNanos(intOpt("timeout", 10));
        String userPrefix = opts.getOrDefault("user-prefix", "sms");

        try (SmscSimulator gatewaySmsc = SmscSimulator.start(SYSTEM_ID, PASSWORD, intOpt("gateway-smsc-port", 0));
             SmscSimulator echoSmsc = SmscSimulator.start(SYSTEM_ID, PASSWORD, intOpt("echo-smsc-port", 0))) {
            Side gateway = new Side("gateway", false, gatewaySmsc, phones(n, userPrefix), intOpt("gateway-pid", 0));
            Side echo = new Side("echo", true, echoSmsc, phones(n, userPrefix), intOpt("echo-pid", 0));
            Duration bindTimeout = Duration.ofSeconds(intOpt("bind-timeout", 120));
            long t0 = System.nanoTime();
            try {
                gatewaySmsc.awaitBound(bindTimeout);
                echoSmsc.awaitBound(bindTimeout);
            } catch (AssertionError e) {
                System.out.println("no bind: " + e.getMessage());
                return 1;
            }
            System.out.printf(Locale.ROOT, "gateway and echo bound after %.1f s%n", (System.nanoTime() - t0) / 1e9);

            Login login = login(gateway, concurrency, timeoutNanos);
            printSamples();
            if (login.failures > 0) {
                return 1;
            }
            for (int i = 0; i < n; i++) {
                echo.phones[i].sessionId = gateway.phones[i].sessionId;
            }

            Histogram scratch = histogram();
            trips(echo, concurrency, warmup, timeoutNanos, scratch);
            trips(gateway, concurrency, warmup, timeoutNanos, scratch);
            System.out.printf(Locale.ROOT, "warm-up: %d s on each side, %d round trips%n", warmup, scratch.getTotalCount());
            printSamples();

            System.out.printf(Locale.ROOT, "%-6s %-8s %9s %8s %8s %7s %9s %11s %9s %12s%n", "round", "side", "rt/s",
                    "p50 ms", "p99 ms", "errors", "timeouts", "server cpu", "load cpu", "server us/rt");
            for (int r = 1; r <= rounds; r++) {
                for (Side side : List.of(echo, gateway)) {
                    Round round = measured(side, concurrency, seconds, timeoutNanos);
                    System.out.printf(Locale.ROOT, "%-6d %-8s %9.0f %8.2f %8.2f %7d %9d %11s %9s %12.1f%n", r,
                            side.name, round.perSecond, round.p50, round.p99, round.errors, round.timeouts,
                            cpu(round.serverCpu), cpu(round.loadCpu), round.serverMicrosPerTrip());
                }
            }
            printSamples();
            return report(n, concurrency, seconds, rounds, login, echo, gateway);
        }
    }

    private static Phone[] phones(int n, String userPrefix) {
        Phone[] phones = new Phone[n];
        for (int i = 0; i < n; i++) {
            phones[i] = new Phone(String.format(Locale.ROOT, "+4915%08d", i), userPrefix + i);
        }
        return phones;
    }

    private record Login(int count, int failures, double seconds, Histogram latency) {
    }

    /** Every phone logs in over SMS, at most {@code concurrency} at a time. */
    private Login login(Side side, int concurrency, long timeoutNanos) throws InterruptedException {
        Histogram latency = histogram();
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        runWorkers(side, concurrency, (worker, phones) -> {
            for (Phone p : phones) {
                String request = "WV12LR1 CI=http://bench.example.net/" + p.number.substring(1) + " TL=3600 SC=c"
                        + p.user + " PW=" + PASSWORD + " UI=wv:" + p.user;
                Exchange x = exchange(side, p, request, "1", timeoutNanos);
                String problem = x.problem;
                if (problem == null) {
                    String pts = new String(x.answer.pts, StandardCharsets.UTF_8);
                    problem = answerProblem(pts, "RL", null);
                    p.sessionId = parameter(pts, "SI");
                    if (problem == null && p.sessionId == null) {
                        problem = "no SI in " + pts;
                    }
                }
                if (problem != null) {
                    failures.incrementAndGet();
                    sample("login " + p.user + ": " + problem);
                } else {
                    worker.recordValue(x.micros());
                }
            }
        }, latency);
        double seconds = (System.nanoTime() - start) / 1e9;
        int n = side.phones.length;
        System.out.printf(Locale.ROOT, "logged in %d phones over SMS in %.2f s (%.0f logins/s, concurrency %d), "
                        + "latency p50 %.2f ms, p99 %.2f ms, %d failures%n",
                n - failures.get(), seconds, n / seconds, concurrency, ms(latency, 50), ms(latency, 99), failures.get());
        return new Login(n, (int) failures.get(), seconds, latency);
    }

    /** One measured round on one side. */
    private Round measured(Side side, int concurrency, int seconds, long timeoutNanos) throws Exception {
        Histogram h = histogram();
        long serverBefore = cpuTicks(side.pid);
        long loadBefore = cpuTicks(ProcessHandle.current().pid());
        long start = System.nanoTime();
        Trips trips = trips(side, concurrency, seconds, timeoutNanos, h);
        double elapsed = (trips.lastNanos - start) / 1e9;
        double serverCpu = share(serverBefore, cpuTicks(side.pid), elapsed);
        double loadCpu = share(loadBefore, cpuTicks(ProcessHandle.current().pid()), elapsed);
        side.all.add(h);
        Round round = new Round(trips.completed / elapsed, trips.completed, trips.errors, trips.timeouts,
                ms(h, 50), ms(h, 99), serverCpu, loadCpu);
        side.rounds.add(round);
        return round;
    }

    private record Trips(long completed, long errors, long timeouts, long lastNanos) {
    }

    /** KeepAlive round trips for {@code seconds}: each worker starts no new one after the deadline. */
    private Trips trips(Side side, int concurrency, int seconds, long timeoutNanos, Histogram h) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong errors = new AtomicLong();
        AtomicLong timeouts = new AtomicLong();
        AtomicLong last = new AtomicLong(System.nanoTime());
        runWorkers(side, concurrency, (worker, phones) -> {
            for (int k = 0; System.nanoTime() < deadline; k = (k + 1) % phones.size()) {
                Phone p = phones.get(k);
                String tid = p.nextTid();
                String request = "WV12KA" + tid + " SI=" + p.sessionId;
                Exchange x = exchange(side, p, request, tid, timeoutNanos);
                String problem = x.problem;
                if (problem == null) {
                    String pts = new String(x.answer.pts, StandardCharsets.UTF_8);
                    if (side.echoes) {
                        problem = request.equals(pts) ? null : "the echo changed the message: " + pts;
                    } else {
                        problem = answerProblem(pts, "AK", p.sessionId);
                    }
                }
                if (x.timedOut) {
                    timeouts.incrementAndGet();
                    sample(side.name + " keep-alive " + p.user + ": " + problem);
                } else if (problem != null) {
                    errors.incrementAndGet();
                    sample(side.name + " keep-alive " + p.user + ": " + problem);
                } else {
                    worker.recordValue(x.micros());
                }
                last.accumulateAndGet(System.nanoTime(), Math::max);
            }
        }, h);
        return new Trips(h.getTotalCount(), errors.get(), timeouts.get(), last.get());
    }

    /** A request and its answer, or what went wrong. */
    private record Exchange(long startNanos, Answer answer, String problem, boolean timedOut) {
        long micros() {
            return Math.max(1, (answer.nanos - startNanos) / 1000);
        }
    }

    /** Sends one PTS request from the phone as a data SMS and waits for the answer with its TransactionID. */
    private static Exchange exchange(Side side, Phone p, String request, String tid, long timeoutNanos) {
        CompletableFuture<Answer> answer = p.expect(tid);
        long start = System.nanoTime();
        int status;
        try {
            status = side.smsc.deliverData(p.number, GATEWAY_NUMBER, DATA_PORT, request.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalStateException e) {
            p.giveUp();
            return new Exchange(start, null, e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause()), false);
        }
        if (status != 0) {
            p.giveUp();
            return new Exchange(start, null, "deliver_sm answered command_status 0x" + Integer.toHexString(status), false);
        }
        try {
            long left = timeoutNanos - (System.nanoTime() - start);
            return new Exchange(start, answer.get(Math.max(0, left), TimeUnit.NANOSECONDS), null, false);
        } catch (TimeoutException e) {
            p.giveUp();
            return new Exchange(start, null, "no answer within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Exchange(start, null, "interrupted", false);
        } catch (ExecutionException e) {
            return new Exchange(start, null, e.getCause().toString(), false);
        }
    }

    /** What one worker does with the phones it owns, recording latencies in its own histogram. */
    private interface WorkerTask {
        void run(Histogram worker, List<Phone> phones);
    }

    /** Runs {@code concurrency} workers, worker w owning phones w, w + concurrency, …; merges their histograms into {@code into}. */
    private static void runWorkers(Side side, int concurrency, WorkerTask task, Histogram into) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        List<Histogram> histograms = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            List<Phone> owned = new ArrayList<>();
            for (int i = w; i < side.phones.length; i += concurrency) {
                owned.add(side.phones[i]);
            }
            Histogram h = histogram();
            histograms.add(h);
            Thread t = new Thread(() -> task.run(h, owned), side.name + "-worker-" + w);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        histograms.forEach(into::add);
    }

    // ---------------------------------------------------------------- checks and figures

    /**
     * Null when {@code pts} is the primitive with this code (RL Login-Response, AK KeepAlive-Response)
     * with Result 200, written {@code ST=200} or {@code ST=(200,description)}, and, unless null, this
     * Session-ID.
     */
    private static String answerProblem(String pts, String code, String sessionId) {
        PtsPreamble preamble = PtsPreamble.read(pts.getBytes(StandardCharsets.UTF_8));
        if (preamble == null || !preamble.primitiveCode().equals(code)) {
            return "not " + code + ": " + pts;
        }
        String st = parameter(pts, "ST");
        if (st == null || !(st.equals("200") || st.startsWith("(200,"))) {
            return "Status " + st + ": " + pts;
        }
        String sid = parameter(pts, "SI");
        if (sessionId != null && !sessionId.equals(sid)) {
            return "SI " + sid + " instead of " + sessionId + ": " + pts;
        }
        return null;
    }

    /** The value of a top-level parameter up to the next space, null when absent. */
    private static String parameter(String pts, String code) {
        int at = pts.indexOf(" " + code + "=");
        if (at < 0) {
            return null;
        }
        int from = at + code.length() + 2;
        int end = pts.indexOf(' ', from);
        return pts.substring(from, end < 0 ? pts.length() : end);
    }

    private int report(int n, int concurrency, int seconds, int rounds, Login login, Side echo, Side gateway) {
        List<Double> ratios = new ArrayList<>();
        List<Double> cpuRatios = new ArrayList<>();
        System.out.println();
        System.out.printf(Locale.ROOT, "%-6s %12s %15s %8s %13s %16s %10s%n", "round", "echo rt/s", "gateway rt/s", "ratio",
                "echo us/rt", "gateway us/rt", "cpu ratio");
        StringBuilder roundsJson = new StringBuilder();
        for (int r = 0; r < rounds; r++) {
            Round e = echo.rounds.get(r);
            Round g = gateway.rounds.get(r);
            double ratio = g.perSecond / e.perSecond;
            double cpuRatio = e.serverMicrosPerTrip() / g.serverMicrosPerTrip();
            ratios.add(ratio);
            cpuRatios.add(cpuRatio);
            System.out.printf(Locale.ROOT, "%-6d %12.0f %15.0f %8.3f %13.1f %16.1f %10.3f%n", r + 1, e.perSecond,
                    g.perSecond, ratio, e.serverMicrosPerTrip(), g.serverMicrosPerTrip(), cpuRatio);
            roundsJson.append(r == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"round\":%d,\"echo\":%s,\"gateway\":%s,\"ratio\":%.3f,\"cpu_ratio\":%s}", r + 1, json(e), json(g),
                    ratio, Double.isNaN(cpuRatio) ? "null" : String.format(Locale.ROOT, "%.3f", cpuRatio)));
        }
        double median = median(ratios);
        double cpuMedian = median(cpuRatios);
        System.out.printf(Locale.ROOT, "median ratio gateway/echo: %.3f  (%d phones, concurrency %d, %d rounds of %d s)%n",
                median, n, concurrency, rounds, seconds);
        System.out.printf(Locale.ROOT, "median CPU ratio, echo us/rt / gateway us/rt: %.3f%n", cpuMedian);
        System.out.printf(Locale.ROOT, "%-8s %8s %8s %8s %8s %8s %9s %7s %9s %5s %10s%n",
                "ms", "p50", "p90", "p99", "p99.9", "max", "count", "errors", "timeouts", "late", "unexpected");
        long failures = 0;
        for (Side side : List.of(echo, gateway)) {
            Histogram h = side.all;
            long errors = side.rounds.stream().mapToLong(Round::errors).sum();
            long timeouts = side.rounds.stream().mapToLong(Round::timeouts).sum();
            failures += errors + timeouts + side.unexpected.get();
            System.out.printf(Locale.ROOT, "%-8s %8.2f %8.2f %8.2f %8.2f %8.2f %9d %7d %9d %5d %10d%n", side.name,
                    ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1000.0, h.getTotalCount(),
                    errors, timeouts, side.late.get(), side.unexpected.get());
        }
        System.out.printf(Locale.ROOT,
                "JSON {\"bench\":\"sms\",\"phones\":%d,\"concurrency\":%d,\"seconds\":%d,\"rounds\":[%s],\"median_ratio\":%.3f,"
                        + "\"median_cpu_ratio\":%s,"
                        + "\"login\":{\"phones\":%d,\"failures\":%d,\"seconds\":%.3f,\"per_s\":%.0f,\"p50_ms\":%.3f,\"p99_ms\":%.3f},"
                        + "\"echo\":%s,\"gateway\":%s}%n",
                n, concurrency, seconds, roundsJson, median,
                Double.isNaN(cpuMedian) ? "null" : String.format(Locale.ROOT, "%.3f", cpuMedian), login.count, login.failures, login.seconds,
                login.count / login.seconds, ms(login.latency, 50), ms(login.latency, 99), json(echo), json(gateway));
        return failures == 0 ? 0 : 1;
    }

    /** The median; NaN when the values are (CPU figures unknown). */
    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static String json(Round r) {
        return String.format(Locale.ROOT,
                "{\"rt_per_s\":%.0f,\"completed\":%d,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"errors\":%d,\"timeouts\":%d,"
                        + "\"server_cpu\":%s,\"load_cpu\":%s,\"server_us_per_rt\":%s}",
                r.perSecond, r.completed, r.p50, r.p99, r.errors, r.timeouts, cpuJson(r.serverCpu), cpuJson(r.loadCpu),
                Double.isNaN(r.serverCpu) ? "null" : String.format(Locale.ROOT, "%.1f", r.serverMicrosPerTrip()));
    }

    private static String json(Side side) {
        Histogram h = side.all;
        return String.format(Locale.ROOT,
                "{\"count\":%d,\"p50_ms\":%.3f,\"p90_ms\":%.3f,\"p99_ms\":%.3f,\"p999_ms\":%.3f,\"max_ms\":%.3f,"
                        + "\"late\":%d,\"unexpected\":%d}",
                h.getTotalCount(), ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1000.0,
                side.late.get(), side.unexpected.get());
    }

    /** utime + stime of a process in clock ticks, -1 when it cannot be read (no pid given, not Linux). */
    private static long cpuTicks(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name in parentheses may contain spaces: count fields after its closing one.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU used between two readings, as a share of one core over {@code seconds}; NaN when unknown. */
    private static double share(long before, long after, double seconds) {
        if (before < 0 || after < 0 || seconds <= 0) {
            return Double.NaN;
        }
        return (after - before) / (double) CLOCK_TICKS_PER_SECOND / seconds;
    }

    private static String cpu(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.0f %%", share * 100);
    }

    private static String cpuJson(double share) {
        return Double.isNaN(share) ? "null" : String.format(Locale.ROOT, "%.2f", share);
    }

    private static Histogram histogram() {
        return new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    private void sample(String s) {
        if (failureSamples.size() < MAX_SAMPLES) {
            failureSamples.add(s);
        }
    }

    private void printSamples() {
        for (String s; (s = failureSamples.poll()) != null; ) {
            System.out.println("  failure: " + s);
        }
    }
}
