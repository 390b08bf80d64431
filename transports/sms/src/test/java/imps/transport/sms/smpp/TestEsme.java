package imps.transport.sms.smpp;

import imps.transport.sms.MobileOriginated;
import imps.transport.sms.MobileTerminated;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** An {@link SmppSmsCenter} started on its own context for a test, with an inbox for what it receives. */
final class TestEsme implements AutoCloseable {
    static final String SYSTEM_ID = "imps";
    static final String PASSWORD = "secret";
    static final String GATEWAY_NUMBER = "3590";
    static final Duration WAIT = Duration.ofSeconds(15);

    final SmppSmsCenter center;
    private final Context context;
    private final BlockingQueue<Delivery> inbox = new LinkedBlockingQueue<>();

    private record Delivery(MobileOriginated message, Context context) {
    }

    private TestEsme(Vertx vertx, SmppOptions options) throws Exception {
        this.center = new SmppSmsCenter(vertx, options, GATEWAY_NUMBER);
        this.context = vertx.getOrCreateContext();
        new OnContext(context).call(() -> center.start(message -> inbox.add(new Delivery(message, Vertx.currentContext()))))
                .await(10, TimeUnit.SECONDS);
    }

    static TestEsme start(Vertx vertx, SmppOptions options) throws Exception {
        return new TestEsme(vertx, options);
    }

    /** Options for a link to {@code smsc}: enquire_link every second, backoff 1 to 2 s, 10 s response timeout. */
    static SmppOptions options(SmscSimulator smsc) {
        return options(smsc, 10, 1000);
    }

    static SmppOptions options(SmscSimulator smsc, int window, int perSecond) {
        return options(smsc.host(), smsc.port(), window, perSecond, 10_000);
    }

    static SmppOptions options(String host, int port, int window, int perSecond, int responseTimeoutMillis) {
        return new SmppOptions(host, port, SYSTEM_ID, PASSWORD, "", 1, 1, 2, window, perSecond,
                responseTimeoutMillis, true);
    }

    MobileOriginated nextMessage() throws InterruptedException {
        Delivery delivery = inbox.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(delivery, "no message arrived in " + WAIT);
        assertSame(context, delivery.context(), "messages arrive on the context that started the link");
        return delivery.message();
    }

    boolean inboxEmpty() {
        return inbox.isEmpty();
    }

    /** Submits from the link's context, as the SMS bearer does. */
    Future<String> submit(MobileTerminated message) throws Exception {
        return new OnContext(context).call(() -> center.submit(message));
    }

    String submitted(MobileTerminated message) throws Exception {
        return OnContext.await(submit(message));
    }

    void awaitConnected(boolean connected) {
        await(() -> center.connected() == connected, (connected ? "bound" : "unbound") + " link");
    }

    static MobileTerminated data(String recipient, int port, byte[] payload) {
        return new MobileTerminated(recipient, port, payload, true);
    }

    static MobileTerminated text(String recipient, String text) {
        return new MobileTerminated(recipient, null, text.getBytes(StandardCharsets.UTF_8), false);
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + WAIT + " for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() throws Exception {
        center.stop().await(20, TimeUnit.SECONDS);
    }
}
