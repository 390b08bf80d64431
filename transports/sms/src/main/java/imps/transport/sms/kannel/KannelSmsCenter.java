package imps.transport.sms.kannel;

import imps.protocol.SecureIds;
import imps.transport.sms.MobileOriginated;
import imps.transport.sms.MobileTerminated;
import imps.transport.sms.SmsCenter;
import imps.transport.sms.SmsCounters;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Kannel as the gateway's SMS network (docs/kannel.md). Mobile-originated messages and delivery
 * reports arrive on an HTTP listener ({@code moHost:moPort/moPath}) that smsbox calls; messages go
 * out through smsbox's sendsms interface, each under an id of the gateway's own, since sendsms
 * returns none.
 *
 * <p>{@link #connected()} is true while the last sendsms request was answered by a smsbox that takes
 * the gateway's credentials. When no request went out for {@link #PROBE_INTERVAL_MILLIS}, a probe
 * tests exactly that: smsbox checks the credentials, then refuses the probe's malformed header
 * without sending anything. smsbox closes sendsms while it has no bearerbox, so an answering smsbox
 * also means a running bearerbox; whether bearerbox reaches an SMSC cannot be seen from here.
 */
public final class KannelSmsCenter implements SmsCenter {
    static final long PROBE_INTERVAL_MILLIS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(KannelSmsCenter.class);
    private static final long REQUEST_TIMEOUT_MILLIS = 10_000;
    private static final Set<String> WILDCARD_HOSTS = Set.of("0.0.0.0", "::", "0:0:0:0:0:0:0:0", "[::]");

    private final Vertx vertx;
    private final KannelOptions options;
    private final String ownAddress;
    private final KannelCounters counters = new KannelCounters();
    /** Null until smsbox answered or failed to answer for the first time, so that first outcome is logged. */
    private final AtomicReference<Boolean> linkUp = new AtomicReference<>();
    private volatile long lastAnswerNanos = System.nanoTime();
    private volatile SendsmsRequests requests;
    private HttpClientAgent client;
    private MoListener listener;
    private long probeTimer = -1;

    /** @param ownAddress the gateway's number: the sender of every message it sends */
    public KannelSmsCenter(Vertx vertx, KannelOptions options, String ownAddress) {
        this.vertx = vertx;
        this.options = options;
        this.ownAddress = ownAddress;
    }

    @Override
    public Future<Void> start(Handler<MobileOriginated> inbound) {
        Context context = vertx.getOrCreateContext();
        client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) REQUEST_TIMEOUT_MILLIS)
                .setIdleTimeout((int) REQUEST_TIMEOUT_MILLIS)
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS));
        listener = new MoListener(vertx, options.moHost(), options.moPort(), options.moPath(),
                message -> {
                    counters.received();
                    context.runOnContext(v -> inbound.handle(message));
                },
                counters::report,
                counters::rejectedRequest);
        return listener.listen().<Void>map(port -> {
            requests = new SendsmsRequests(options, ownAddress, dlrUrl(port));
            probeTimer = vertx.setPeriodic(PROBE_INTERVAL_MILLIS, id -> probeWhenIdle());
            probe();
            LOG.info("Kannel link: MO and delivery reports on {}:{}{}, sendsms at {}", options.moHost(), port,
                    options.moPath(), options.sendsmsUrl());
            return null;
        }).onFailure(e -> client.close());
    }

    @Override
    public Future<String> submit(MobileTerminated message) {
        SendsmsRequests current = requests;
        if (current == null) {
            return Future.failedFuture(new IllegalStateException("the Kannel link is not started"));
        }
        String id = SecureIds.next();
        return call(current.submit(message, id)).transform(ar -> {
            if (ar.succeeded() && ar.result().accepted()) {
                counters.submitted();
                return Future.succeededFuture(id);
            }
            counters.submitFailed();
            String reason = ar.succeeded()
                    ? "Kannel refused the message: " + ar.result()
                    : "Kannel's sendsms did not answer: " + ar.cause().getMessage();
            return Future.failedFuture(new IllegalStateException(reason, ar.cause()));
        });
    }

    @Override
    public boolean connected() {
        return Boolean.TRUE.equals(linkUp.get());
    }

    @Override
    public SmsCounters counters() {
        return counters.snapshot();
    }

    /**
     * Requests on the MO listener that were refused (unknown path, wrong method, malformed MO
     * message or delivery report): a count {@link SmsCounters} has no field for.
     */
    public long rejectedRequests() {
        return counters.rejectedRequests();
    }

    @Override
    public Future<Void> stop() {
        if (probeTimer >= 0) {
            vertx.cancelTimer(probeTimer);
        }
        requests = null;
        linkUp.set(false);
        Future<Void> server = listener == null ? Future.succeededFuture() : listener.close();
        Future<Void> http = client == null ? Future.succeededFuture() : client.close();
        return Future.all(server, http).mapEmpty();
    }

    private void probeWhenIdle() {
        if (System.nanoTime() - lastAnswerNanos >= TimeUnit.MILLISECONDS.toNanos(PROBE_INTERVAL_MILLIS)) {
            probe();
        }
    }

    private void probe() {
        SendsmsRequests current = requests;
        if (current != null) {
            call(current.probe());
        }
    }

    /** One sendsms request; its outcome, answered or not, sets the link state. */
    private Future<SendsmsAnswer> call(String uri) {
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(uri)
                .setIdleTimeout(REQUEST_TIMEOUT_MILLIS);
        return client.request(request)
                .compose(req -> req.send())
                .compose(resp -> resp.body().map(body -> new SendsmsAnswer(resp.statusCode(), body.toString().strip())))
                .andThen(ar -> {
                    lastAnswerNanos = System.nanoTime();
                    linkState(ar.succeeded() && ar.result().linkUp(), ar.succeeded() ? ar.result().toString()
                            : ar.cause().getMessage());
                });
    }

    private void linkState(boolean up, String detail) {
        if (requests == null) {
            // An answer that arrives after stop() must not make a stopped link look connected.
            return;
        }
        Boolean before = linkUp.getAndSet(up);
        if (up && !Boolean.TRUE.equals(before)) {
            counters.connected();
            LOG.info("Kannel's sendsms answers ({})", detail);
        } else if (!up && !Boolean.FALSE.equals(before)) {
            LOG.warn("Kannel's sendsms is not usable: {}", detail);
        }
    }

    /**
     * Where smsbox reports deliveries. It must reach the listener from outside, so a wildcard
     * {@code moHost} gives no usable URL: the gateway then asks for no reports.
     */
    private String dlrUrl(int port) {
        String host = options.moHost();
        if (WILDCARD_HOSTS.contains(host)) {
            LOG.warn("sms.kannel.moHost {} is a wildcard address smsbox cannot call back: no delivery reports are asked for",
                    host);
            return null;
        }
        String authority = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "http://" + authority + ":" + port + MoListener.dlrPath(options.moPath());
    }
}
