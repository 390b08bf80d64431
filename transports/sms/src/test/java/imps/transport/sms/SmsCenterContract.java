package imps.transport.sms;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the SMS bearer relies on from its link to the SMS network ({@link SmsCenter}), written once
 * and run against each kind of network: messages out and in, delivery reports, a refused message,
 * an outage, the link's state and counters. A subclass starts the far side (an SMSC, Kannel) and
 * says how a phone sends, what a phone received, and how the network reports a delivery.
 *
 * <p>One network and one link serve all the tests of a subclass, so every test uses phone numbers
 * of its own and checks counters by how much they moved.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SmsCenterContract {
    /** The gateway's own number. */
    protected static final String OWN = "3590";
    protected static final Duration WAIT = Duration.ofSeconds(15);
    private static final int PTS_PORT = 3590;
    private static final int CIR_PORT = 3716;

    private final BlockingQueue<Arrival> inbound = new LinkedBlockingQueue<>();
    private final AtomicInteger phones = new AtomicInteger();
    private Vertx vertx;
    private Network network;
    private SmsCenter center;
    private Context linkContext;

    /** How an SMS reaches a phone, as the phone sees it. */
    public enum Kind { GSM_TEXT, UCS2_TEXT, DATA }

    /**
     * A message a phone received: from whom, as what ({@code kind} null where the network does not
     * show it), to which port, and its octets (text decoded).
     */
    public record Received(String sender, String recipient, Kind kind, Integer destinationPort, byte[] payload,
                           String text) {
    }

    /** A mobile-originated message as the link's handler got it, and whether on the context that started the link. */
    private record Arrival(MobileOriginated message, boolean onLinkContext) {
    }

    /** The far side of the link, started once per subclass. */
    protected interface Network extends AutoCloseable {

        /** A link to this network sending from {@code own}, not started. */
        SmsCenter link(Vertx vertx, String own);

        /** The link is started: wait until it may carry traffic (e.g. bound). */
        void awaitReady(SmsCenter link);

        void phoneSendsText(String phone, String text);

        void phoneSendsData(String phone, int port, byte[] data);

        /** The first message the network handed to {@code phone}, failing when none comes within {@link #WAIT}. */
        Received awaitReceived(String phone);

        /** The network reports the message {@code id} (as the link's submit named it) delivered. */
        void reportDelivered(String id);

        /** The network reports the message {@code id} finally undeliverable. */
        void reportUndeliverable(String id);

        /** A recipient the network refuses to take messages for. */
        String refusedRecipient();

        /** The network stops taking messages; returns once the link could notice. */
        void goDown() throws Exception;

        void comeBack() throws Exception;

        /** Waits until reports the network makes by itself for earlier messages have reached the link. */
        default void settle(SmsCenter link) {
        }
    }

    protected abstract Network startNetwork() throws Exception;

    @BeforeAll
    final void startLink() throws Exception {
        vertx = Vertx.vertx();
        network = startNetwork();
        center = network.link(vertx, OWN);
        linkContext = vertx.getOrCreateContext();
        onLinkContext(() -> center.start(mo -> inbound.add(new Arrival(mo, Vertx.currentContext() == linkContext))))
                .await(10, TimeUnit.SECONDS);
        network.awaitReady(center);
    }

    @AfterAll
    final void stopLink() throws Exception {
        try {
            if (center != null) {
                center.stop().await(20, TimeUnit.SECONDS);
            }
            if (network != null) {
                network.close();
            }
        } finally {
            if (vertx != null) {
                vertx.close().await(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aStartedLinkIsConnectedAndHasCountedItsConnection() {
        assertTrue(center.connected());
        assertTrue(center.counters().connects() >= 1, center.counters().toString());
    }

    @Test
    void gsmTextGoesOutAsTextFromTheGatewaysNumber() throws Exception {
        String phone = newPhone();
        SmsCounters before = center.counters();
        String id = submit(new MobileTerminated(phone, null, utf8("Hallo Jürgen, 1 € {ok} @ [x]"), false));
        assertNotNull(id, "the network's id of the message");
        Received got = network.awaitReceived(phone);
        assertEquals(OWN, got.sender());
        assertEquals(Kind.GSM_TEXT, got.kind());
        assertNull(got.destinationPort());
        assertEquals("Hallo Jürgen, 1 € {ok} @ [x]", got.text());
        assertEquals(before.submitted() + 1, center.counters().submitted());
    }

    @Test
    void textOutsideTheGsmAlphabetGoesOutAsUcs2() throws Exception {
        String phone = newPhone();
        submit(new MobileTerminated(phone, null, utf8("Привет, ça va?"), false));
        Received got = network.awaitReceived(phone);
        assertEquals(Kind.UCS2_TEXT, got.kind());
        assertEquals("Привет, ça va?", got.text());
    }

    @Test
    void dataToAPortGoesOutAsEightBitDataWithThatPort() throws Exception {
        String phone = newPhone();
        byte[] pts = new byte[133];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = (byte) (i * 7 + 200);
        }
        submit(new MobileTerminated(phone, PTS_PORT, pts, true));
        Received got = network.awaitReceived(phone);
        assertKind(Kind.DATA, got);
        assertEquals(PTS_PORT, got.destinationPort());
        assertArrayEquals(pts, got.payload());
    }

    @Test
    void aCirTextToItsPortGoesOutAsTextWithThePort() throws Exception {
        String phone = newPhone();
        submit(new MobileTerminated(phone, CIR_PORT, utf8("WVCI 1.2 c00kie"), false));
        Received got = network.awaitReceived(phone);
        assertKind(Kind.GSM_TEXT, got);
        assertEquals(CIR_PORT, got.destinationPort());
        assertEquals("WVCI 1.2 c00kie", got.text());
    }

    @Test
    void textFromAPhoneReachesTheHandlerAsUtf8OnTheLinksContext() throws Exception {
        String phone = newPhone();
        long received = center.counters().received();
        network.phoneSendsText(phone, "hello wörld + 100% & more");
        Arrival arrival = awaitArrival(phone);
        assertEquals(OWN, arrival.message().recipient());
        assertNull(arrival.message().destinationPort());
        assertEquals("hello wörld + 100% & more", new String(arrival.message().payload(), StandardCharsets.UTF_8));
        assertTrue(arrival.onLinkContext(), "messages arrive on the context that started the link");
        assertEquals(received + 1, center.counters().received());
    }

    @Test
    void dataFromAPhoneToAPortArrivesWithThePortAndItsRawOctets() throws Exception {
        String phone = newPhone();
        byte[] data = {'W', 'V', '1', '2', 'L', 'I', '0', '1', ' ', 0, 1, (byte) 0xFF, '%', '&', '+', (byte) 0xC3};
        network.phoneSendsData(phone, PTS_PORT, data);
        MobileOriginated mo = awaitArrival(phone).message();
        assertEquals(PTS_PORT, mo.destinationPort());
        assertArrayEquals(data, mo.payload());
    }

    @Test
    void deliveryReportsAreCountedAndAreNoMessages() throws Exception {
        network.settle(center);
        SmsCounters before = center.counters();
        String delivered = newPhone();
        String id = submit(new MobileTerminated(delivered, null, utf8("report me"), false));
        network.awaitReceived(delivered);
        network.reportDelivered(id);
        awaitTrue(() -> center.counters().delivered() == before.delivered() + 1, "one more delivered");

        String lost = newPhone();
        String lostId = submit(new MobileTerminated(lost, null, utf8("lose me"), false));
        network.awaitReceived(lost);
        network.reportUndeliverable(lostId);
        awaitTrue(() -> center.counters().undeliverable() == before.undeliverable() + 1, "one more undeliverable");
        assertEquals(before.received(), center.counters().received(), "reports are not messages");
        assertTrue(inbound.stream().noneMatch(a -> a.message().sender().equals(delivered) || a.message().sender().equals(lost)));
    }

    @Test
    void aMessageTheNetworkRefusesFailsAndTheLinkStaysUp() throws Exception {
        SmsCounters before = center.counters();
        Throwable refused = refusal(new MobileTerminated(network.refusedRecipient(), null, utf8("x"), false));
        assertNotNull(refused.getMessage());
        assertEquals(before.submitFailures() + 1, center.counters().submitFailures());
        assertTrue(center.connected(), "one refused message does not take the link down");
        String phone = newPhone();
        submit(new MobileTerminated(phone, null, utf8("still going"), false));
        assertEquals("still going", network.awaitReceived(phone).text());
    }

    @Test
    void whileTheNetworkIsDownSubmitsFailAndTheLinkReconnectsWhenItIsBack() throws Exception {
        network.settle(center);
        SmsCounters before = center.counters();
        String phone = newPhone();
        network.goDown();
        try {
            refusal(new MobileTerminated(phone, null, utf8("while down"), false));
            assertFalse(center.connected());
            assertEquals(before.submitFailures() + 1, center.counters().submitFailures());
        } finally {
            network.comeBack();
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        AsyncResult<String> after;
        do {
            after = onLinkContext(() -> center.submit(new MobileTerminated(phone, null, utf8("after"), false)))
                    .<AsyncResult<String>>transform(Future::succeededFuture).await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (after.failed()) {
                Thread.sleep(100);
            }
        } while (after.failed() && System.nanoTime() < deadline);
        assertTrue(after.succeeded(), () -> "no submit succeeded after the network came back");
        assertTrue(center.connected());
        assertEquals(before.connects() + 1, center.counters().connects(), "one new connection");
        assertEquals("after", network.awaitReceived(phone).text(), "the message sent while down never went out");
    }

    private static void assertKind(Kind expected, Received got) {
        if (got.kind() != null) {
            assertEquals(expected, got.kind());
        }
    }

    /** A phone number no other test uses. */
    protected final String newPhone() {
        return String.format("49151%08d", phones.incrementAndGet());
    }

    protected final SmsCenter center() {
        return center;
    }

    protected final Vertx vertx() {
        return vertx;
    }

    /** Submits from the link's context, as the SMS bearer does, and returns the message's id. */
    protected final String submit(MobileTerminated message) throws Exception {
        return onLinkContext(() -> center.submit(message)).await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Submits from the link's context and returns why the submit failed, failing if it did not. */
    protected final Throwable refusal(MobileTerminated message) throws Exception {
        AsyncResult<String> result = onLinkContext(() -> center.submit(message))
                .<AsyncResult<String>>transform(Future::succeededFuture).await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (result.succeeded()) {
            throw new AssertionError("expected the submit to fail, it was accepted as " + result.result());
        }
        return result.cause();
    }

    /** The next message from {@code phone} that reached the link's handler. */
    protected final MobileOriginated awaitMo(String phone) throws InterruptedException {
        return awaitArrival(phone).message();
    }

    /** Fails if a message from {@code phone} reaches the link's handler within {@code quiet}. */
    protected final void assertNoMoFrom(String phone, Duration quiet, String why) throws InterruptedException {
        long deadline = System.nanoTime() + quiet.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            Arrival arrival = inbound.poll(left, TimeUnit.NANOSECONDS);
            if (arrival != null && arrival.message().sender().equals(phone)) {
                throw new AssertionError(why + ": got " + new String(arrival.message().payload(), StandardCharsets.UTF_8));
            }
        }
    }

    protected static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    protected static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private Arrival awaitArrival(String phone) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Arrival arrival = inbound.poll(100, TimeUnit.MILLISECONDS);
            if (arrival != null && arrival.message().sender().equals(phone)) {
                return arrival;
            }
        }
        throw new AssertionError("no message from " + phone + " within " + WAIT);
    }

    private <T> Future<T> onLinkContext(Supplier<Future<T>> action) {
        Promise<T> result = Promise.promise();
        linkContext.runOnContext(v -> {
            try {
                action.get().onComplete(result);
            } catch (RuntimeException e) {
                result.fail(e);
            }
        });
        return result.future();
    }
}
