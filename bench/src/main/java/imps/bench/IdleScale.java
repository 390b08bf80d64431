package imps.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code SessionLoad scale}: how many idle sessions one node holds, and what a KeepAlive costs at that
 * population. Sessions log in (2-way, a TimeToLive long enough that none expires during the run) as
 * fast as the gateway takes them, C at a time over pooled keep-alive connections, and stay idle. At
 * each checkpoint the logins pause and a KeepAlive phase runs: R KeepAlive-Requests per second for D
 * seconds, each to a session drawn at random from all those logged in, open loop (sent on schedule,
 * whatever the answers do), latency from the moment a request was due. The gateway's heap after a
 * full GC (jcmd GC.run, GC.heap_info) and RSS are read at each checkpoint too. The logins stop early
 * when the gateway stops taking them: more than 1 % of the last 10 000 failed, or fewer than 100
 * succeeded in the last 30 s. Prints one line per checkpoint, the KeepAlive p99 at the largest
 * population ÷ at the first checkpoint, and a JSON line.
 */
final class IdleScale {
    /** The heap's "used" in {@code jcmd GC.heap_info}: G1 writes "used 1340000K", Shenandoah "1309M used". */
    private static final Pattern HEAP_USED = Pattern.compile("used\\s+(\\d+)([KMG])|(\\d+)([KMG]) used");
    private final SessionLoad load;
    private final Vertx vertx;

    IdleScale(SessionLoad load, Vertx vertx) {
        this.load = load;
        this.vertx = vertx;
    }

    /** What one checkpoint measured. */
    private record Checkpoint(int sessions, double loginsPerSecond, Histogram keepAlive, int keepAliveFailures,
                              long heapUsedBytes, long rssBytes, double keepAlivesPerSecond) {
        String json() {
            return String.format(Locale.ROOT, "{\"sessions\":%d,\"logins_per_s\":%.0f,\"keepalive\":%s,\"keepalive_failures\":%d,"
                            + "\"heap_used_bytes\":%d,\"rss_bytes\":%d}", sessions, loginsPerSecond,
                    SessionLoad.json(keepAlive, keepAlivesPerSecond), keepAliveFailures, heapUsedBytes, rssBytes);
        }
    }

    int run(int target, List<Integer> checkpoints, int concurrency, int rate, int seconds, long gatewayPid) throws Exception {
        HttpClient client = load.httpClient(concurrency, true);
        String[] sids = new String[target];
        AtomicInteger loggedIn = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<Checkpoint> done = new ArrayList<>();
        int from = 0;
        long baselineHeap = heapUsed(gatewayPid);
        System.out.printf(Locale.ROOT, "gateway heap used before the logins (after a full GC): %.1f MiB%n", baselineHeap / 1048576.0);
        System.out.printf(Locale.ROOT, "%10s %10s %12s %9s %9s %9s %9s %10s %12s %10s%n", "sessions", "logins/s", "KeepAlive/s",
                "p50 ms", "p99 ms", "p99.9 ms", "max ms", "failures", "heap MiB", "B/session");
        String stopped = null;
        for (int checkpoint : checkpoints) {
            int to = Math.min(checkpoint, target);
            long t0 = System.nanoTime();
            String why = logIn(client, sids, from, to, concurrency, loggedIn, failures);
            double loginRate = (loggedIn.get() - from) / ((System.nanoTime() - t0) / 1e9);
            int held = loggedIn.get();
            Histogram h = SessionLoad.histogram();
            AtomicInteger kaFailures = new AtomicInteger();
            double kaRate = keepAlives(client, sids, held, rate, seconds, h, kaFailures);
            long heap = heapUsed(gatewayPid);
            long rss = rss(gatewayPid);
            Checkpoint c = new Checkpoint(held, loginRate, h, kaFailures.get(), heap, rss, kaRate);
            done.add(c);
            System.out.printf(Locale.ROOT, "%10d %10.0f %12.0f %9.3f %9.3f %9.3f %9.3f %10d %12.1f %10.0f%n", held, loginRate, kaRate,
                    SessionLoad.ms(h, 50), SessionLoad.ms(h, 99), SessionLoad.ms(h, 99.9), h.getMaxValue() / 1000.0,
                    failures.get() + kaFailures.get(), heap / 1048576.0, held == 0 ? 0 : (heap - baselineHeap) / (double) held);
            load.printSamples();
            from = held;
            if (why != null) {
                stopped = why;
                break;
            }
        }
        await(client.close());
        Checkpoint first = done.get(0);
        Checkpoint last = done.get(done.size() - 1);
        double ratio = SessionLoad.ms(last.keepAlive(), 99) / SessionLoad.ms(first.keepAlive(), 99);
        System.out.println();
        System.out.printf(Locale.ROOT, "held %d of %d idle sessions%s; KeepAlive p99 at %d sessions ÷ at %d sessions: %.2f "
                        + "(%d KeepAlives/s for %d s at each checkpoint)%n", last.sessions(), target,
                stopped == null ? "" : " (logins stopped: " + stopped + ")", last.sessions(), first.sessions(), ratio, rate, seconds);
        System.out.printf(Locale.ROOT, "JSON {\"bench\":\"idle-scale\",\"target\":%d,\"held\":%d,\"stopped\":%s,\"rate\":%d,"
                        + "\"seconds\":%d,\"baseline_heap_bytes\":%d,\"p99_ratio\":%.3f,\"checkpoints\":[%s]}%n", target,
                last.sessions(), stopped == null ? "null" : "\"" + stopped + "\"", rate, seconds, baselineHeap, ratio,
                String.join(",", done.stream().map(Checkpoint::json).toList()));
        return last.sessions() == target && failures.get() == 0 ? 0 : 1;
    }

    /** Logs sessions from … to-1 in; null when all did, else why the logins were stopped. */
    private String logIn(HttpClient client, String[] sids, int from, int to, int concurrency, AtomicInteger loggedIn,
                         AtomicInteger failures) throws Exception {
        AtomicInteger recentFailures = new AtomicInteger();
        AtomicInteger attempts = new AtomicInteger();
        String[] why = {null};
        long[] lastCheck = {System.nanoTime(), loggedIn.get()};
        long watch = vertx.setPeriodic(1000, id -> {
            long now = System.nanoTime();
            if (now - lastCheck[0] >= TimeUnit.SECONDS.toNanos(30)) {
                if (loggedIn.get() - lastCheck[1] < 100 && why[0] == null) {
                    why[0] = "fewer than 100 logins in 30 s";
                }
                lastCheck[0] = now;
                lastCheck[1] = loggedIn.get();
            }
        });
        long progress = vertx.setPeriodic(30_000, id -> System.out.printf(Locale.ROOT, "  logged in %d (%d failures)%n",
                loggedIn.get(), failures.get()));
        await(load.runAll(to - from, concurrency, k -> {
            if (why[0] != null) {
                return Future.succeededFuture();
            }
            int i = from + k;
            return load.login(client, i).andThen(ar -> {
                int n = attempts.incrementAndGet();
                if (ar.succeeded()) {
                    sids[i] = ar.result();
                    loggedIn.incrementAndGet();
                } else {
                    failures.incrementAndGet();
                    load.sample("login " + i + ": " + ar.cause().getMessage());
                    if (recentFailures.incrementAndGet() > 100 && why[0] == null) {
                        why[0] = "more than 1 % of 10 000 logins failed";
                    }
                }
                if (n % 10_000 == 0) {
                    recentFailures.set(0);
                }
            });
        }));
        vertx.cancelTimer(watch);
        vertx.cancelTimer(progress);
        // Sessions are taken in order; one that failed leaves a gap, which the KeepAlives skip.
        return why[0];
    }

    /** R KeepAlives per second for D seconds to random logged-in sessions; the rate achieved. */
    private double keepAlives(HttpClient client, String[] sids, int held, int rate, int seconds, Histogram h,
                              AtomicInteger failures) throws Exception {
        int total = rate * seconds;
        SplittableRandom random = new SplittableRandom(held);
        Promise<Void> done = Promise.promise();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        long start = System.nanoTime();
        // A 1 ms timer sends what has come due: open loop, so a slow answer does not hold the next request back.
        long timer = vertx.setPeriodic(1, id -> {
            long due = Math.min(total, (System.nanoTime() - start) * rate / 1_000_000_000L);
            while (sent.get() < due) {
                int k = sent.getAndIncrement();
                long dueAt = start + k * 1_000_000_000L / rate;
                String sid = sids[random.nextInt(held)];
                if (sid == null) {
                    if (answered.incrementAndGet() == total) {
                        done.tryComplete();
                    }
                    continue;
                }
                load.post(client, SessionLoad.inband(sid, 7, "<KeepAlive-Request/>")).onComplete(ar -> {
                    String problem = ar.failed() ? ar.cause().toString() : SessionLoad.check(ar.result(), "KeepAlive-Response", null);
                    if (problem == null) {
                        SessionLoad.recordLatency(h, (System.nanoTime() - dueAt) / 1000);
                    } else {
                        failures.incrementAndGet();
                        load.sample("keep-alive: " + problem);
                    }
                    if (answered.incrementAndGet() == total) {
                        done.tryComplete();
                    }
                });
            }
        });
        vertx.setTimer(TimeUnit.SECONDS.toMillis(seconds + 60L), id -> done.tryComplete());
        await(done.future());
        vertx.cancelTimer(timer);
        return answered.get() / ((System.nanoTime() - start) / 1e9);
    }

    /** The gateway's heap used after a full GC, in bytes (jcmd); 0 without a pid. */
    private static long heapUsed(long pid) throws IOException, InterruptedException {
        if (pid <= 0) {
            return 0;
        }
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        // The heap's part only: Metaspace reports a "used" too.
        int metaspace = info.indexOf("Metaspace");
        Matcher used = HEAP_USED.matcher(metaspace < 0 ? info : info.substring(0, metaspace));
        if (!used.find()) {
            return 0;
        }
        boolean g1 = used.group(1) != null;
        long amount = Long.parseLong(g1 ? used.group(1) : used.group(3));
        return amount << switch (g1 ? used.group(2) : used.group(4)) {
            case "G" -> 30;
            case "M" -> 20;
            default -> 10;
        };
    }

    private static long rss(long pid) throws IOException {
        if (pid <= 0) {
            return 0;
        }
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        try (InputStream in = p.getInputStream()) {
            String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(120, TimeUnit.SECONDS);
            return out;
        }
    }

    private static <T> T await(Future<T> f) throws Exception {
        return SessionLoad.await(f);
    }
}
