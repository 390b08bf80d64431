package imps.bench;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code SessionLoad fanout}: what one server-initiated copy costs when a single request makes many,
 * against a one-to-one message in the same run. Mode {@code group}: N sessions join one group and
 * the first S of them send group messages, each of which reaches the N-1 other members. Mode
 * {@code presence}: N watcher sessions subscribe to the presence of S publishers (before the
 * publishers log in, so no authorization question is asked), and each UpdatePresence of a publisher
 * reaches all N watchers as a PresenceNotification-Request. Every session negotiates STCP and all
 * services, holds a TCP CIR connection, polls after each WVCI and answers every server transaction
 * (MessageDelivered, or Status 200), as the relay's receivers do.
 *
 * <p>Each round has two phases, with the gateway's CPU time (/proc/PID/stat) read around each: M
 * one-to-one SendMessage-Requests from the S senders to the N sessions, then F fan-out requests
 * (default: enough to make about M copies). Both phases keep C requests in flight. Printed per round
 * and as medians: copies/s and gateway CPU per delivered copy of each phase and the ratio fan-out ÷
 * one-to-one; lost (a copy expected and not received within the time-out) and duplicated copies. A
 * warm-up round runs first and is not recorded, repeated until the gateway's CPU per one-to-one
 * message settles.
 */
final class FanOut {
    private static final String PA = "http://www.openmobilealliance.org/DTD/WV-PA1.2";
    private final SessionLoad load;
    private final Vertx vertx;
    private final boolean group;
    private final int n;
    private final int s;
    private String[] sids;
    private String groupId;

    FanOut(SessionLoad load, Vertx vertx, boolean group, int members, int senders) {
        this.load = load;
        this.vertx = vertx;
        this.group = group;
        this.n = members;
        this.s = senders;
    }

    /** One phase of one round: items sent, copies expected and received. Touched on the event loop only. */
    private final class Phase {
        final int round;
        final boolean fanOut;
        final int items;
        final byte[] sendState;  // 0 no answer yet, 1 Result 200, 2 failed
        final byte[] received;   // by item * sessions + receiving session
        final Histogram latency = SessionLoad.histogram();
        final Promise<Void> settled = Promise.promise();
        int sendFailures;
        int expected;            // copies owed by the items answered 200
        int delivered;
        int duplicates;
        int unexpected;
        boolean sendsDone;
        boolean closed;
        long startNanos;
        long lastNanos;

        Phase(int round, boolean fanOut, int items) {
            this.round = round;
            this.fanOut = fanOut;
            this.items = items;
            this.sendState = new byte[items];
            this.received = new byte[items * sessions()];
        }

        int sender(int item) {
            return group ? item % s : n + item % s;
        }

        /** The session a one-to-one item goes to: never its sender. */
        int recipient(int item) {
            if (!group) {
                return item % n;
            }
            int from = sender(item);
            return (from + 1 + (item / s) % (n - 1)) % n;
        }

        boolean expects(int item, int session) {
            if (!fanOut) {
                return recipient(item) == session;
            }
            return group ? session < n && session != sender(item) : session < n;
        }

        int copiesPerItem() {
            return !fanOut ? 1 : group ? n - 1 : n;
        }

        int lost() {
            int lost = 0;
            for (int item = 0; item < items; item++) {
                if (sendState[item] != 1) {
                    continue;
                }
                for (int session = 0; session < sessions(); session++) {
                    if (expects(item, session) && received[item * sessions() + session] == 0) {
                        lost++;
                    }
                }
            }
            return lost;
        }

        void maybeSettle() {
            if (sendsDone && delivered >= expected) {
                closed = true;
                settled.tryComplete();
            }
        }
    }

    /** A session that holds a TCP CIR connection and collects what it is woken up for. */
    private static final class Inbox {
        final int index;
        final String sid;
        boolean draining;
        boolean again;
        boolean pollFlag;

        Inbox(int index, String sid) {
            this.index = index;
            this.sid = sid;
        }
    }

    private volatile Phase current;
    private int foreign;
    private int otherPrimitives;
    private int receiveFailures;
    private int cirClosed;
    private volatile boolean stopping;

    private int sessions() {
        return group ? n : n + s;
    }

    int run(int messages, int items, int concurrency, int rounds, int warmup, int timeoutSeconds, long gatewayPid,
            int cirPortOpt) throws Exception {
        int total = sessions();
        HttpClient setup = load.httpClient(concurrency, true);
        sids = new String[total];
        String[] cirHost = new String[total];
        int[] cirPort = new int[total];
        AtomicInteger failures = new AtomicInteger();
        // Watchers first, and subscribed, before the publishers log in (presence); every member (group).
        long t0 = System.nanoTime();
        await(load.runAll(n, concurrency, i -> session(setup, i, cirHost, cirPort, cirPortOpt, failures)));
        if (group) {
            groupId = "wv:" + load.user(0) + "/fanout";
            await(SessionLoad.checked(load.post(setup, SessionLoad.inband(sids[0], 4, "<CreateGroup-Request><GroupID>" + groupId
                    + "</GroupID><JoinGroup>T</JoinGroup></CreateGroup-Request>")), "Status", "create group", failures, load));
            await(load.runAll(n - 1, concurrency, k -> SessionLoad.checked(load.post(setup, SessionLoad.inband(sids[k + 1], 4,
                    "<JoinGroup-Request><GroupID>" + groupId + "</GroupID><ScreenName><SName>m" + (k + 1) + "</SName><GroupID>"
                            + groupId + "</GroupID></ScreenName></JoinGroup-Request>")), "JoinGroup-Response", "join " + (k + 1),
                    failures, load)));
        } else {
            StringBuilder users = new StringBuilder();
            for (int p = 0; p < s; p++) {
                users.append("<User><UserID>wv:").append(load.user(n + p)).append("</UserID></User>");
            }
            await(load.runAll(n, concurrency, i -> SessionLoad.checked(load.post(setup, SessionLoad.inband(sids[i], 4,
                    "<SubscribePresence-Request>" + users + "<PresenceSubList xmlns=\"" + PA + "\"><OnlineStatus/><StatusText/>"
                            + "</PresenceSubList><AutoSubscribe>F</AutoSubscribe></SubscribePresence-Request>")), "Status",
                    "subscribe " + i, failures, load)));
            await(load.runAll(s, concurrency, p -> session(setup, n + p, cirHost, cirPort, cirPortOpt, failures)));
        }
        await(setup.close());
        System.out.printf(Locale.ROOT, "set up %d sessions (%s) in %.1f s, %d failures%n", total,
                group ? n + " members of " + groupId : n + " watchers of " + s + " publishers", (System.nanoTime() - t0) / 1e9,
                failures.get());
        if (failures.get() > 0) {
            load.printSamples();
            return 1;
        }

        HttpClient receiverClient = load.httpClient(total, true);
        HttpClient senderClient = load.httpClient(concurrency, true);
        NetClient cirClient = vertx.createNetClient(new NetClientOptions().setConnectTimeout(30000).setTcpNoDelay(true));
        Inbox[] inboxes = new Inbox[total];
        List<NetSocket> sockets = new ArrayList<>();
        await(load.runAll(total, concurrency, i -> {
            inboxes[i] = new Inbox(i, sids[i]);
            return helo(cirClient, cirHost[i], cirPort[i], inboxes[i], receiverClient).andThen(ar -> {
                if (ar.succeeded()) {
                    sockets.add(ar.result());
                } else {
                    failures.incrementAndGet();
                    load.sample("cir " + i + ": " + ar.cause());
                }
            });
        }));
        if (failures.get() > 0) {
            load.printSamples();
            return 1;
        }
        // What the subscriptions or joins queued (a first presence notification, a welcome) is collected first.
        await(load.runAll(total, concurrency, i -> {
            wake(inboxes[i], receiverClient);
            return Future.succeededFuture();
        }));
        awaitIdle(inboxes);
        System.out.printf(Locale.ROOT, "collected %d server transactions queued during the set-up%n", otherPrimitives);
        current = null;
        foreign = 0;
        otherPrimitives = 0;

        String fanKind = group ? "group message" : "presence update";
        // Warm-up rounds (not recorded) repeat until the gateway's CPU per one-to-one message settles.
        List<Double> warmCpu = new ArrayList<>();
        while (warmup > 0 && (warmCpu.isEmpty() || gatewayPid > 0 && !SessionLoad.settled(warmCpu)
                && warmCpu.size() < SessionLoad.MAX_WARMUP_ROUNDS)) {
            long c0 = SessionLoad.cpuTicks(gatewayPid);
            Phase w1 = phase(0, false, warmup, senderClient, concurrency, timeoutSeconds);
            warmCpu.add(SessionLoad.ticksToSeconds(SessionLoad.cpuTicks(gatewayPid) - c0) * 1e6 / Math.max(1, w1.delivered));
            Phase w2 = phase(0, true, Math.max(1, warmup / copies()), senderClient, concurrency, timeoutSeconds);
            System.out.printf(Locale.ROOT, "warm-up %d: %d one-to-one messages at %.1f us CPU each (lost %d), %d %ss (%d copies, "
                    + "lost %d); not recorded%n", warmCpu.size(), warmup, warmCpu.get(warmCpu.size() - 1), w1.lost(), w2.items,
                    fanKind, w2.delivered, w2.lost());
        }
        double[] oneRate = new double[rounds];
        double[] oneCpu = new double[rounds];
        double[] fanRate = new double[rounds];
        double[] fanCpu = new double[rounds];
        double[] ratio = new double[rounds];
        Histogram oneLatency = SessionLoad.histogram();
        Histogram fanLatency = SessionLoad.histogram();
        int lost = 0;
        int duplicates = 0;
        int sendFailures = 0;
        for (int r = 1; r <= rounds; r++) {
            long c0 = SessionLoad.cpuTicks(gatewayPid);
            Phase one = phase(r, false, messages, senderClient, concurrency, timeoutSeconds);
            long c1 = SessionLoad.cpuTicks(gatewayPid);
            Phase fan = phase(r, true, items, senderClient, concurrency, timeoutSeconds);
            long c2 = SessionLoad.cpuTicks(gatewayPid);
            oneRate[r - 1] = one.delivered / seconds(one);
            fanRate[r - 1] = fan.delivered / seconds(fan);
            oneCpu[r - 1] = SessionLoad.ticksToSeconds(c1 - c0) * 1e6 / Math.max(1, one.delivered);
            fanCpu[r - 1] = SessionLoad.ticksToSeconds(c2 - c1) * 1e6 / Math.max(1, fan.delivered);
            ratio[r - 1] = fanCpu[r - 1] / oneCpu[r - 1];
            oneLatency.add(one.latency);
            fanLatency.add(fan.latency);
            lost += one.lost() + fan.lost();
            duplicates += one.duplicates + fan.duplicates;
            sendFailures += one.sendFailures + fan.sendFailures;
            System.out.printf(Locale.ROOT, "round %d: one-to-one %.0f messages/s at %.1f us CPU each; %s %.0f copies/s at %.1f us "
                            + "CPU each (%d items x %d); CPU per copy / per one-to-one message %.2f; lost %d, duplicates %d%n",
                    r, oneRate[r - 1], oneCpu[r - 1], fanKind, fanRate[r - 1], fanCpu[r - 1], fan.items, fan.copiesPerItem(),
                    ratio[r - 1], one.lost() + fan.lost(), one.duplicates + fan.duplicates);
        }
        stopping = true;
        vertx.runOnContext(v -> sockets.forEach(NetSocket::close));
        Thread.sleep(200);
        await(cirClient.close());
        await(receiverClient.close());
        await(senderClient.close());

        System.out.println();
        System.out.printf(Locale.ROOT, "fan-out (%s): %d sessions, %d senders, %d rounds of %d one-to-one messages and %d %ss, "
                + "%d in flight, after warm-up rounds (not recorded)%n", group ? "group" : "presence", total, s, rounds,
                messages, items, fanKind, concurrency);
        System.out.printf(Locale.ROOT, "%-11s %8s %8s %8s %8s %8s%n", "ms", "p50", "p90", "p99", "p99.9", "max");
        latencyRow("one-to-one", oneLatency);
        latencyRow(group ? "group copy" : "presence", fanLatency);
        System.out.printf(Locale.ROOT, "gateway CPU per %s copy / per one-to-one message: median %.2f (rounds %s)%n",
                fanKind, SessionLoad.median(ratio), Arrays.toString(ratio));
        System.out.printf(Locale.ROOT, "lost %d, duplicates %d, send failures %d, other primitives %d, foreign %d, receive failures %d, "
                + "CIR connections closed by the gateway %d%n", lost, duplicates, sendFailures, otherPrimitives, foreign,
                receiveFailures, cirClosed);
        load.printSamples();
        System.out.printf(Locale.ROOT, "JSON {\"bench\":\"fanout\",\"mode\":\"%s\",\"sessions\":%d,\"receivers_per_item\":%d,"
                        + "\"senders\":%d,\"rounds\":%d,\"messages\":%d,\"items\":%d,\"concurrency\":%d,\"one_to_one\":%s,"
                        + "\"fan_out\":%s,\"one_to_one_per_s\":%s,\"one_to_one_cpu_us\":%s,\"copies_per_s\":%s,\"copy_cpu_us\":%s,"
                        + "\"cpu_ratios\":%s,\"cpu_ratio_median\":%.3f,\"lost\":%d,\"duplicates\":%d,\"send_failures\":%d}%n",
                group ? "group" : "presence", total, group ? n - 1 : n, s, rounds, messages, items, concurrency,
                SessionLoad.json(oneLatency, SessionLoad.median(oneRate)), SessionLoad.json(fanLatency, SessionLoad.median(fanRate)),
                array(oneRate), array(oneCpu), array(fanRate), array(fanCpu), array(ratio), SessionLoad.median(ratio), lost,
                duplicates, sendFailures);
        return lost + duplicates + sendFailures + foreign + receiveFailures + cirClosed == 0 ? 0 : 1;
    }

    /** Waits (at most 30 s) until no session has been collecting for half a second. */
    private void awaitIdle(Inbox[] inboxes) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int quiet = 0;
        while (quiet < 5 && System.nanoTime() < deadline) {
            Promise<Boolean> idle = Promise.promise();
            vertx.runOnContext(v -> idle.complete(Arrays.stream(inboxes).noneMatch(b -> b.draining)));
            quiet = await(idle.future()) ? quiet + 1 : 0;
            Thread.sleep(100);
        }
    }

    /** Copies a fan-out item makes. */
    private int copies() {
        return group ? n - 1 : n;
    }

    private static double seconds(Phase p) {
        return Math.max(1, p.lastNanos - p.startNanos) / 1e9;
    }

    private static String array(double[] values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.2f", values[i]));
        }
        return b.append(']').toString();
    }

    private static void latencyRow(String name, Histogram h) {
        System.out.printf(Locale.ROOT, "%-11s %8.3f %8.3f %8.3f %8.3f %8.3f%n", name, SessionLoad.ms(h, 50), SessionLoad.ms(h, 90),
                SessionLoad.ms(h, 99), SessionLoad.ms(h, 99.9), h.getMaxValue() / 1000.0);
    }

    /** Logs session i in and negotiates STCP and all services. */
    private Future<Void> session(HttpClient client, int i, String[] cirHost, int[] cirPort, int cirPortOpt,
                                 AtomicInteger failures) {
        return load.login(client, i).compose(sid -> {
            sids[i] = sid;
            return load.negotiate(client, load.port(), i, sid, true, cirHost, cirPort, cirPortOpt);
        }).andThen(ar -> {
            if (ar.failed()) {
                failures.incrementAndGet();
                load.sample("session " + i + " (" + load.user(i) + "): " + ar.cause().getMessage());
            }
        });
    }

    /** Sends the phase's items, C at a time, and waits until every copy owed has come (or the time-out). */
    private Phase phase(int round, boolean fanOut, int items, HttpClient senders, int concurrency, int timeoutSeconds)
            throws Exception {
        Phase p = new Phase(round, fanOut, items);
        Promise<Void> started = Promise.promise();
        vertx.runOnContext(v -> {
            current = p;
            p.startNanos = System.nanoTime();
            started.complete();
        });
        await(started.future());
        load.runAll(items, concurrency, t -> send(senders, p, t)).onComplete(ar -> {
            p.sendsDone = true;
            p.maybeSettle();
            vertx.setTimer(TimeUnit.SECONDS.toMillis(timeoutSeconds), id -> {
                p.closed = true;
                p.settled.tryComplete();
            });
        });
        await(p.settled.future());
        return p;
    }

    private Future<Void> send(HttpClient client, Phase p, int item) {
        String marker = "fan " + p.round + " " + (p.fanOut ? "f" : "o") + " " + item + " " + System.nanoTime();
        String sid = sids[p.sender(item)];
        String body;
        String answer;
        if (p.fanOut && !group) {
            answer = "Status";
            body = "<UpdatePresence-Request><PresenceSubList xmlns=\"" + PA + "\"><OnlineStatus><Qualifier>T</Qualifier>"
                    + "<PresenceValue>T</PresenceValue></OnlineStatus><StatusText><Qualifier>T</Qualifier><PresenceValue>"
                    + marker + "</PresenceValue></StatusText></PresenceSubList></UpdatePresence-Request>";
        } else {
            answer = "SendMessage-Response";
            String to = p.fanOut ? "<Group><GroupID>" + groupId + "</GroupID></Group>"
                    : "<User><UserID>wv:" + load.user(p.recipient(item)) + "</UserID></User>";
            body = "<SendMessage-Request><DeliveryReport>F</DeliveryReport><MessageInfo><ContentType>text/plain</ContentType>"
                    + "<ContentSize>" + marker.length() + "</ContentSize><Recipient>" + to + "</Recipient></MessageInfo>"
                    + "<ContentData>" + marker + "</ContentData></SendMessage-Request>";
        }
        return load.post(client, SessionLoad.inband(sid, 10 + item % 1000, body)).transform(ar -> {
            String problem = ar.failed() ? ar.cause().toString() : SessionLoad.check(ar.result(), answer, null);
            if (problem == null) {
                p.sendState[item] = 1;
                p.expected += p.copiesPerItem();
            } else {
                p.sendState[item] = 2;
                p.sendFailures++;
                load.sample("send " + item + ": " + problem);
            }
            p.maybeSettle();
            return Future.succeededFuture();
        });
    }

    /** A copy arrived at session {@code at}: counted once in its phase, by its item. */
    private void copy(int at, String marker, long now) {
        String[] f = marker.split(" ");
        Phase p = current;
        if (p == null || f.length != 5 || Integer.parseInt(f[1]) != p.round || f[2].equals("f") != p.fanOut) {
            foreign++;
            return;
        }
        int item = Integer.parseInt(f[3]);
        if (item < 0 || item >= p.items || p.closed) {
            foreign++;
            return;
        }
        int key = item * sessions() + at;
        if (!p.expects(item, at)) {
            p.unexpected++;
            load.sample("session " + at + " got item " + item + " of " + (p.fanOut ? "the fan-out" : "one-to-one"));
            return;
        }
        if (p.received[key]++ > 0) {
            p.duplicates++;
            return;
        }
        p.delivered++;
        p.lastNanos = now;
        SessionLoad.recordLatency(p.latency, (now - Long.parseLong(f[4])) / 1000);
        p.maybeSettle();
    }

    // The receiving side: the same protocol as the relay's receivers in cir mode.

    private Future<NetSocket> helo(NetClient nc, String target, int port, Inbox box, HttpClient client) {
        return SessionLoad.cirHelo(nc, target, port, box.sid, () -> wake(box, client), line -> { }, () -> {
            if (!stopping) {
                cirClosed++;
            }
        });
    }

    private void wake(Inbox box, HttpClient client) {
        if (stopping) {
            return;
        }
        if (box.draining) {
            box.again = true;
            return;
        }
        box.draining = true;
        poll(box, client);
    }

    private void poll(Inbox box, HttpClient client) {
        load.post(client, SessionLoad.polling(box.sid)).onComplete(ar -> answer(box, client, ar, true));
    }

    private void drained(Inbox box, HttpClient client) {
        if (box.again && !stopping) {
            box.again = false;
            poll(box, client);
        } else {
            box.draining = false;
        }
    }

    private void answer(Inbox box, HttpClient client, AsyncResult<String> ar, boolean polled) {
        long now = System.nanoTime();
        if (ar.failed()) {
            receiveFailures++;
            load.sample("session " + box.index + ": " + ar.cause());
            box.again = true;
            vertx.setTimer(10, id -> drained(box, client));
            return;
        }
        String xml = ar.result();
        if (xml.isEmpty()) {
            if (!polled && box.pollFlag && !stopping) {
                box.pollFlag = false;
                poll(box, client);
                return;
            }
            drained(box, client);
            return;
        }
        int tx = xml.indexOf("<TransactionMode>Request</TransactionMode>");
        if (tx < 0) {
            receiveFailures++;
            load.sample("session " + box.index + ": not a server transaction: " + SessionLoad.abbreviate(xml));
            box.again = true;
            vertx.setTimer(10, id -> drained(box, client));
            return;
        }
        String tid = SessionLoad.between(xml, "<TransactionID>", "</TransactionID>", tx);
        box.pollFlag = xml.contains("<Poll>T</Poll>");
        int at = xml.indexOf("fan ");
        if (at >= 0) {
            copy(box.index, xml.substring(at, xml.indexOf('<', at)), now);
        } else {
            otherPrimitives++;
        }
        String reply = xml.contains("<NewMessage>")
                ? "<MessageDelivered><MessageID>" + SessionLoad.between(xml, "<MessageID>", "</MessageID>", 0)
                + "</MessageID></MessageDelivered>"
                : "<Status><Result><Code>200</Code></Result></Status>";
        load.post(client, SessionLoad.clientResponse(box.sid, tid, reply)).onComplete(next -> answer(box, client, next, false));
    }

    private static <T> T await(Future<T> f) throws Exception {
        return SessionLoad.await(f);
    }
}
