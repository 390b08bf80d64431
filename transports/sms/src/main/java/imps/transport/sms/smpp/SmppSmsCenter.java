package imps.transport.sms.smpp;

import imps.transport.sms.MobileOriginated;
import imps.transport.sms.MobileTerminated;
import imps.transport.sms.SmsCenter;
import imps.transport.sms.SmsCounters;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The gateway's link to an SMSC over SMPP 3.4, as a transceiver ESME (jSMPP on the wire). Outgoing
 * messages are encoded into submit_sm parts and paced by a window and a rate limit; incoming
 * deliver_sm and data_sm are decoded on jSMPP's threads, then joined and handed to the inbound
 * handler on the Vert.x context that called {@link #start}. All state lives on that context.
 */
public final class SmppSmsCenter implements SmsCenter {
    private static final Logger log = LoggerFactory.getLogger(SmppSmsCenter.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /** Parts of a concatenated SMS travel together; a minute covers store-and-forward jitter. */
    private static final long REASSEMBLY_TIMEOUT_MILLIS = 60_000;
    private static final int MAX_INCOMPLETE_PER_SENDER = 4;
    private static final int MAX_INCOMPLETE = 1_000;

    private final Vertx vertx;
    private final SmppOptions options;
    private final String sourceAddress;
    private final LinkCounters counters = new LinkCounters();
    private final MessageEncoder encoder = new MessageEncoder();
    private volatile Context context;
    private volatile SmppLink link;
    private Handler<MobileOriginated> inbound;
    private Reassembler reassembler;
    private WorkerExecutor submitWorkers;
    private SubmitWindow window;
    private Future<Void> stopped;

    /**
     * @param options       where the SMSC is, how to bind and how fast to submit
     * @param sourceAddress the gateway's own number, the source of every message it sends
     */
    public SmppSmsCenter(Vertx vertx, SmppOptions options, String sourceAddress) {
        this.vertx = vertx;
        this.options = options;
        this.sourceAddress = sourceAddress;
    }

    @Override
    public synchronized Future<Void> start(Handler<MobileOriginated> inbound) {
        if (context != null) {
            return Future.failedFuture(new IllegalStateException("already started"));
        }
        // The checking parts first, so bad options fail before any thread pool exists.
        RateLimiter limiter = new RateLimiter(options.maxSubmitsPerSecond());
        ReconnectBackoff backoff = new ReconnectBackoff(options.reconnectMinSeconds() * 1000L,
                options.reconnectMaxSeconds() * 1000L);
        Context ctx = vertx.getOrCreateContext();
        this.inbound = inbound;
        this.reassembler = new Reassembler(vertx, REASSEMBLY_TIMEOUT_MILLIS, MAX_INCOMPLETE_PER_SENDER, MAX_INCOMPLETE);
        this.submitWorkers = vertx.createSharedWorkerExecutor("smpp-submit-" + INSTANCES.incrementAndGet(), options.window());
        SmppLink smpp = new SmppLink(vertx, ctx, options, backoff,
                new InboundListener(in -> ctx.runOnContext(v -> received(in))), new SmppLink.Listener() {
                    @Override
                    public void bound() {
                        counters.connected();
                    }

                    @Override
                    public void lost() {
                        window.failQueued("SMSC link lost");
                    }
                });
        this.window = new SubmitWindow(vertx, options.window(), queueCapacity(options), options.responseTimeoutMillis(),
                limiter, new SubmitTransmitter(submitWorkers, smpp::session, sourceAddress, options.registeredDelivery()));
        this.link = smpp;
        this.context = ctx;
        ctx.runOnContext(v -> smpp.open());
        return Future.succeededFuture();
    }

    @Override
    public Future<String> submit(MobileTerminated message) {
        if (!connected()) {
            counters.submitFailed();
            return Future.failedFuture(new IllegalStateException("not bound to the SMSC"));
        }
        return onContext(() -> window.submit(encoder.encode(message))).andThen(ar -> {
            if (ar.succeeded()) {
                counters.submitted();
            } else {
                counters.submitFailed();
                log.debug("Message to {} not submitted: {}", message.recipient(), ar.cause().getMessage());
            }
        });
    }

    @Override
    public boolean connected() {
        SmppLink smpp = link;
        return smpp != null && smpp.connected();
    }

    @Override
    public SmsCounters counters() {
        return counters.snapshot();
    }

    @Override
    public synchronized Future<Void> stop() {
        if (context == null) {
            return Future.succeededFuture();
        }
        if (stopped == null) {
            stopped = onContext(() -> {
                window.failQueued("SMSC link stopping");
                reassembler.clear();
                return link.close();
            }).eventually(submitWorkers::close);
        }
        return stopped;
    }

    /**
     * Enough queue for what the rate limit can send while a message may wait; anything beyond
     * would time out waiting anyway.
     */
    private static int queueCapacity(SmppOptions options) {
        long sendable = (long) options.maxSubmitsPerSecond() * options.responseTimeoutMillis() / 1000;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(options.window(), sendable));
    }

    private void received(Inbound in) {
        if (in instanceof Receipt receipt) {
            counters.receipt(receipt);
            log.debug("Delivery receipt for {}: {}", receipt.messageId(), receipt.state());
            return;
        }
        InboundPart whole = reassembler.accept((InboundPart) in);
        if (whole == null) {
            return;
        }
        MobileOriginated message = new MobileOriginated(whole.sender(), whole.recipient(), whole.destinationPort(),
                DataCodingScheme.of(whole.dataCoding()).payload(whole.userData()));
        counters.received();
        try {
            inbound.handle(message);
        } catch (RuntimeException e) {
            log.error("Inbound handler failed on a message from {}", message.sender(), e);
        }
    }

    /** Runs {@code action} on the link's context; whatever it throws fails the returned future. */
    private <T> Future<T> onContext(Supplier<Future<T>> action) {
        if (Vertx.currentContext() == context) {
            return guarded(action);
        }
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> guarded(action).onComplete(promise));
        return promise.future();
    }

    private static <T> Future<T> guarded(Supplier<Future<T>> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
