package imps.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import org.HdrHistogram.Histogram;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The relay of {@code SessionLoad relay} against an XMPP server (RFC 6120 / 6121): N sender clients
 * each send M chat messages to their own receiver client, at most C messages in flight (sent and not
 * yet received) over all senders, in the order message 0 of every pair, then message 1, and so on.
 * Each client connects over plain TCP, authenticates with SASL PLAIN, binds a resource and sends
 * its initial presence. XMPP has no acknowledgement of a message by the server, so "in flight" ends
 * when the receiver has it; latency runs from just before the sender writes the stanza to the
 * receiver reading it. A warm-up round (not recorded) precedes R measured rounds; with --server-pid
 * the server's CPU time is read around each round (/proc/PID/stat).
 *
 * <p>Usage: {@code XmppLoad --host H --port P --domain D --pairs N --messages M [--concurrency C]
 * [--warmup W] [--rounds R] [--timeout S] [--server-pid PID] [--user-prefix U] [--password X]}.
 * Accounts U0 … U(2N-1) with the password must exist. Prints a table, and a JSON line.
 */
public final class XmppLoad {
    private static final String NS_SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    private static final String NS_BIND = "urn:ietf:params:xml:ns:xmpp-bind";
    private static final double TICKS_PER_SECOND = 100;

    private final Vertx vertx;
    private final Map<String, String> opts;
    private final String domain;
    private final NetClient net;
    private final List<String> problems = new ArrayList<>();

    private XmppLoad(Vertx vertx, Map<String, String> opts) {
        this.vertx = vertx;
        this.opts = opts;
        this.domain = opts.getOrDefault("domain", "bench.local");
        this.net = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true).setConnectTimeout(30_000));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("option expected: " + args[i]);
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        int status = new XmppLoad(vertx, opts).run();
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        System.exit(status);
    }

    private int intOpt(String name, int def) {
        return Integer.parseInt(opts.getOrDefault(name, Integer.toString(def)));
    }

    /** One connected, bound client. Touched on the tool's single event loop only. */
    private final class Client {
        final String user;
        final String resource = "r";
        NetSocket socket;
        XmppStanzas stanzas;
        Promise<String> waiting;   // the next top-level element, while logging in
        Round round;               // receivers: where a chat message is counted

        Client(String user) {
            this.user = user;
        }

        String jid() {
            return user + "@" + domain + "/" + resource;
        }

        Future<String> next() {
            waiting = Promise.promise();
            return waiting.future();
        }

        void element(String e) {
            if (waiting != null) {
                Promise<String> w = waiting;
                waiting = null;
                w.complete(e);
            } else if (XmppStanzas.name(e).equals("message")) {
                received(this, e);
            } else if (!XmppStanzas.name(e).equals("presence") && !XmppStanzas.name(e).equals("iq")) {
                problem(user + ": unexpected " + abbreviate(e));
            }
        }

        void write(String xml) {
            socket.write(Buffer.buffer(xml.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private String streamHeader() {
        return "<?xml version='1.0'?><stream:stream to='" + domain + "' xmlns='jabber:client' "
                + "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";
    }

    /** Connect, SASL PLAIN, restart the stream, bind, initial presence. */
    private Future<Client> logIn(String host, int port, String user, String password) {
        Client c = new Client(user);
        return net.connect(port, host).compose(socket -> {
            c.socket = socket;
            // The stream header itself is not awaited: the features that follow it are.
            c.stanzas = new XmppStanzas(header -> { }, c::element);
            socket.handler(b -> c.stanzas.feed(b.getBytes()));
            socket.closeHandler(v -> {
                if (c.waiting != null) {
                    c.waiting.tryFail("connection closed");
                }
            });
            Future<String> features = c.next();
            c.write(streamHeader());
            return features;
        }).compose(features -> {
            if (!features.contains(">PLAIN<")) {
                return Future.failedFuture("no SASL PLAIN offered: " + abbreviate(features));
            }
            String creds = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
            Future<String> answer = c.next();
            c.write("<auth xmlns='" + NS_SASL + "' mechanism='PLAIN'>" + creds + "</auth>");
            return answer;
        }).compose(answer -> {
            if (!XmppStanzas.name(answer).equals("success")) {
                return Future.failedFuture("SASL: " + abbreviate(answer));
            }
            c.stanzas.restart();
            Future<String> features = c.next();
            c.write(streamHeader());
            return features;
        }).compose(features -> {
            Future<String> bound = c.next();
            c.write("<iq type='set' id='bind1'><bind xmlns='" + NS_BIND + "'><resource>" + c.resource
                    + "</resource></bind></iq>");
            return bound;
        }).compose(bound -> {
            if (!"result".equals(XmppStanzas.attribute(bound, "type"))) {
                return Future.failedFuture("bind: " + abbreviate(bound));
            }
            c.write("<presence/>");
            return Future.succeededFuture(c);
        });
    }

    /** One round: what was sent and received, by key k * pairs + i. Touched on the event loop only. */
    private static final class Round {
        final int id;
        final int pairs;
        final int messages;
        final long[] sentAt;
        final int[] received;
        final Histogram relay = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
        final Promise<Void> settled = Promise.promise();
        int delivered;
        int duplicates;
        int misrouted;
        int foreign;
        int inFlight;
        int nextTask;
        long startNanos;
        long lastDeliveryNanos;
        boolean closed;

        Round(int id, int pairs, int messages) {
            this.id = id;
            this.pairs = pairs;
            this.messages = messages;
            this.sentAt = new long[pairs * messages];
            this.received = new int[pairs * messages];
        }

        int lost() {
            int lost = 0;
            for (int key = 0; key < received.length; key++) {
                if (sentAt[key] != 0 && received[key] == 0) {
                    lost++;
                }
            }
            return lost;
        }
    }

    private Client[] senders;
    private Client[] receivers;
    private int concurrency;

    private void received(Client receiver, String message) {
        long now = System.nanoTime();
        Round r = receiver.round;
        String body = XmppStanzas.childText(message, "body");
        String[] f = body == null ? new String[0] : body.split(" ");
        if (r == null || f.length != 5 || !f[0].equals("relay") || Integer.parseInt(f[1]) != r.id) {
            if (r != null) {
                r.foreign++;
            }
            problem(receiver.user + ": foreign message " + abbreviate(message));
            return;
        }
        int i = Integer.parseInt(f[2]);
        int k = Integer.parseInt(f[3]);
        int key = k * r.pairs + i;
        if (receivers[i] != receiver) {
            r.misrouted++;
        }
        if (++r.received[key] > 1) {
            r.duplicates++;
            return;
        }
        r.delivered++;
        r.lastDeliveryNanos = now;
        r.relay.recordValue(Math.max(1, Math.min((now - Long.parseLong(f[4])) / 1000, r.relay.getHighestTrackableValue())));
        r.inFlight--;
        if (r.delivered == r.pairs * r.messages) {
            r.closed = true;
            r.settled.tryComplete();
        } else {
            sendNext(r);
        }
    }

    private void sendNext(Round r) {
        while (r.inFlight < concurrency && r.nextTask < r.pairs * r.messages) {
            int t = r.nextTask++;
            int i = t % r.pairs;
            int k = t / r.pairs;
            long now = System.nanoTime();
            r.sentAt[t] = now;
            r.inFlight++;
            senders[i].write("<message to='" + receivers[i].jid() + "' type='chat' id='m" + t + "'><body>relay " + r.id
                    + " " + i + " " + k + " " + now + "</body></message>");
        }
    }

    private Round relayRound(int id, int pairs, int messages, int timeoutSeconds) throws Exception {
        Round r = new Round(id, pairs, messages);
        vertx.runOnContext(v -> {
            for (Client c : receivers) {
                c.round = r;
            }
            r.startNanos = System.nanoTime();
            sendNext(r);
        });
        long timer = vertx.setTimer(TimeUnit.SECONDS.toMillis(timeoutSeconds) + (long) pairs * messages, id2 -> {
            r.closed = true;
            r.settled.tryComplete();
        });
        await(r.settled.future());
        vertx.cancelTimer(timer);
        return r;
    }

    private int run() throws Exception {
        String host = opts.getOrDefault("host", "127.0.0.1");
        int port = intOpt("port", 5222);
        int pairs = intOpt("pairs", 100);
        int messages = intOpt("messages", 100);
        concurrency = intOpt("concurrency", 16);
        int warmup = intOpt("warmup", messages);
        int rounds = Math.max(1, intOpt("rounds", 2));
        int timeout = intOpt("timeout", 30);
        long pid = Long.parseLong(opts.getOrDefault("server-pid", "0"));
        String prefix = opts.getOrDefault("user-prefix", "u");
        String password = opts.getOrDefault("password", "secret");

        senders = new Client[pairs];
        receivers = new Client[pairs];
        long t0 = System.nanoTime();
        List<Future<Client>> logins = new ArrayList<>();
        for (int s = 0; s < 2 * pairs; s++) {
            String user = prefix + s;
            logins.add(vertxCall(() -> logIn(host, port, user, password)));
        }
        Future.join(logins).toCompletionStage().toCompletableFuture().handle((x, e) -> null).get();
        int failed = 0;
        for (int s = 0; s < 2 * pairs; s++) {
            Future<Client> f = logins.get(s);
            if (f.failed()) {
                failed++;
                problem(prefix + s + ": " + f.cause().getMessage());
            } else if (s < pairs) {
                senders[s] = f.result();
            } else {
                receivers[s - pairs] = f.result();
            }
        }
        System.out.printf(Locale.ROOT, "logged in %d XMPP clients (SASL PLAIN, bound, available) in %.1f s, %d failures%n",
                2 * pairs - failed, (System.nanoTime() - t0) / 1e9, failed);
        if (failed > 0) {
            printProblems();
            return 1;
        }
        // Presence broadcasts and the like settle before anything is measured.
        Thread.sleep(500);
        if (warmup > 0) {
            Round w = relayRound(0, pairs, warmup, timeout);
            System.out.printf(Locale.ROOT, "warm-up: %d messages per pair, delivered %d, lost %d (not recorded)%n",
                    warmup, w.delivered, w.lost());
        }
        Histogram all = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
        double[] rates = new double[rounds];
        double[] cpu = new double[rounds];
        int lost = 0;
        int duplicates = 0;
        int misrouted = 0;
        int foreign = 0;
        long delivered = 0;
        for (int k = 1; k <= rounds; k++) {
            long c0 = SessionLoad.cpuTicks(pid);
            Round r = relayRound(k, pairs, messages, timeout);
            long c1 = SessionLoad.cpuTicks(pid);
            rates[k - 1] = r.delivered / (Math.max(1, r.lastDeliveryNanos - r.startNanos) / 1e9);
            cpu[k - 1] = pid <= 0 || r.delivered == 0 ? Double.NaN : (c1 - c0) / TICKS_PER_SECOND * 1e6 / r.delivered;
            all.add(r.relay);
            lost += r.lost();
            duplicates += r.duplicates;
            misrouted += r.misrouted;
            foreign += r.foreign;
            delivered += r.delivered;
            System.out.printf(Locale.ROOT, "round %d: %.0f messages/s delivered, %.1f us server CPU per message, lost %d, "
                    + "duplicates %d%n", k, rates[k - 1], cpu[k - 1], r.lost(), r.duplicates);
        }
        for (Client c : senders) {
            c.write("</stream:stream>");
        }
        for (Client c : receivers) {
            c.write("</stream:stream>");
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "xmpp relay: %d pairs x %d messages x %d rounds after a warm-up round of %d per pair "
                + "(not recorded), %d messages in flight%n", pairs, messages, rounds, warmup, concurrency);
        System.out.printf(Locale.ROOT, "relay ms: p50 %.3f, p90 %.3f, p99 %.3f, p99.9 %.3f, max %.3f%n", ms(all, 50), ms(all, 90),
                ms(all, 99), ms(all, 99.9), all.getMaxValue() / 1000.0);
        System.out.printf(Locale.ROOT, "delivered messages/s: median %.0f (rounds %s); server CPU us per message: median %.1f "
                + "(rounds %s)%n", SessionLoad.median(rates), Arrays.toString(rates), SessionLoad.median(cpu), Arrays.toString(cpu));
        System.out.printf(Locale.ROOT, "messages: delivered %d, lost %d, duplicates %d, misrouted %d, foreign %d%n",
                delivered, lost, duplicates, misrouted, foreign);
        printProblems();
        System.out.printf(Locale.ROOT, "JSON {\"bench\":\"xmpp-relay\",\"pairs\":%d,\"messages\":%d,\"rounds\":%d,\"concurrency\":%d,"
                        + "\"warmup\":%d,\"relay\":{\"count\":%d,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f},"
                        + "\"delivered_per_s\":%s,\"delivered_per_s_median\":%.0f,\"cpu_us_per_message\":%s,"
                        + "\"cpu_us_per_message_median\":%.2f,\"lost\":%d,\"duplicates\":%d,\"misrouted\":%d}%n",
                pairs, messages, rounds, concurrency, warmup, all.getTotalCount(), ms(all, 50), ms(all, 99),
                all.getMaxValue() / 1000.0, json(rates), SessionLoad.median(rates), json(cpu), SessionLoad.median(cpu), lost, duplicates, misrouted);
        return lost + duplicates + misrouted + foreign == 0 ? 0 : 1;
    }

    private <T> Future<T> vertxCall(java.util.function.Supplier<Future<T>> call) {
        Promise<T> p = Promise.promise();
        vertx.runOnContext(v -> call.get().onComplete(p));
        return p.future();
    }

    private void problem(String s) {
        synchronized (problems) {
            if (problems.size() < 5) {
                problems.add(s);
            }
        }
    }

    private void printProblems() {
        synchronized (problems) {
            problems.forEach(p -> System.out.println("  problem: " + p));
            problems.clear();
        }
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    private static String json(double[] values) {
        return Arrays.stream(values).mapToObj(v -> Double.isNaN(v) ? "null" : String.format(Locale.ROOT, "%.2f", v))
                .collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get();
    }
}
