package imps.transport.sms.kannel;

import imps.config.GatewayConfig;
import imps.transport.sms.MobileOriginated;
import imps.transport.sms.MobileTerminated;
import imps.transport.sms.SmsCounters;
import imps.transport.sms.UserDataHeader;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kannel link against a real Kannel on loopback (bearerbox, smsbox, fake SMSC, fakesmsc), one
 * Kannel for the whole class. Every test uses its own phone number, so messages of one test never
 * satisfy another.
 */
@ExtendWith(VertxExtension.class)
class KannelSmsCenterTest {
    private static final String OWN = "3590";
    private static final String MO_PATH = "/kannel/mo";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final BlockingQueue<Arrival> INBOUND = new LinkedBlockingQueue<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static KannelFixture kannel;
    private static KannelSmsCenter center;
    private static int moPort;

    /** An MO message as the handler saw it, and whether it ran on the context that started the link. */
    private record Arrival(MobileOriginated message, boolean onStartContext) {
    }

    @BeforeAll
    static void start(Vertx vertx) throws Exception {
        moPort = KannelFixture.freePort();
        kannel = KannelFixture.start(moPort, MO_PATH);
        center = new KannelSmsCenter(vertx, kannel.options(), OWN);
        Context startContext = vertx.getOrCreateContext();
        Promise<Void> started = Promise.promise();
        startContext.runOnContext(v -> center.start(mo -> INBOUND.add(new Arrival(mo, Vertx.currentContext() == startContext)))
                .onComplete(started));
        started.future().await(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (center != null) {
            center.stop().await(10, TimeUnit.SECONDS);
        }
        if (kannel != null) {
            kannel.close();
        }
    }

    @Test
    void aNewLinkIsConnectedAsSoonAsSendsmsAnswersWithoutAnyMessage(Vertx vertx) throws Exception {
        GatewayConfig.Kannel options = kannel.options();
        KannelSmsCenter fresh = new KannelSmsCenter(vertx, new GatewayConfig.Kannel(options.sendsmsUrl(),
                options.username(), options.password(), "127.0.0.1", 0, MO_PATH), OWN);
        fresh.start(mo -> { }).await(10, TimeUnit.SECONDS);
        try {
            awaitTrue(fresh::connected, "connected after the first probe");
            assertEquals(new SmsCounters(0, 0, 0, 0, 0, 1), fresh.counters());
            assertTrue(kannel.mtMessages().stream().noneMatch(m -> m.receiver().equals(OWN)),
                    "the probe, addressed to the gateway's own number, is never sent");
        } finally {
            fresh.stop().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aLinkToAKannelThatIsNotThereStaysDisconnected(Vertx vertx) throws Exception {
        KannelSmsCenter nowhere = new KannelSmsCenter(vertx, new GatewayConfig.Kannel(
                "http://127.0.0.1:" + KannelFixture.freePort() + "/cgi-bin/sendsms", "imps", "x", "127.0.0.1", 0, MO_PATH), OWN);
        nowhere.start(mo -> { }).await(10, TimeUnit.SECONDS);
        try {
            Future<String> refused = nowhere.submit(new MobileTerminated("4915100000040", null, utf8("x"), false));
            assertThrows(ExecutionException.class,
                    () -> refused.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS));
            assertFalse(nowhere.connected());
            assertEquals(new SmsCounters(0, 0, 1, 0, 0, 0), nowhere.counters());
        } finally {
            nowhere.stop().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void moTextReachesTheHandlerOnTheContextThatStartedTheLink() throws Exception {
        kannel.injectText("4915100000001", OWN, "hello wörld + 100% & more");
        Arrival arrival = awaitMo("4915100000001");
        assertEquals(OWN, arrival.message().recipient());
        assertNull(arrival.message().destinationPort());
        assertEquals("hello wörld + 100% & more", utf8(arrival.message().payload()));
        assertTrue(arrival.onStartContext());
    }

    @Test
    void moDataWithAPortHeaderArrivesWithItsPortAndRawOctets() throws Exception {
        byte[] data = {'W', 'V', '1', '2', 'L', 'I', '0', '1', ' ', 0, 1, (byte) 0xFF, '%', '&', '+', (byte) 0xC3};
        kannel.injectData("4915100000002", OWN, UserDataHeader.ports(3590, 3590), data);
        MobileOriginated mo = awaitMo("4915100000002").message();
        assertEquals(3590, mo.destinationPort());
        assertArrayEquals(data, mo.payload());
    }

    @Test
    void moTextToTheCirPortArrivesAsTextWithThePort() throws Exception {
        kannel.injectPortText("4915100000003", OWN, 3716, "HELO S-7f3a2c91");
        MobileOriginated mo = awaitMo("4915100000003").message();
        assertEquals(3716, mo.destinationPort());
        assertEquals("HELO S-7f3a2c91", utf8(mo.payload()));
    }

    @Test
    void kannelJoinsConcatenatedPartsBeforeTheGatewaySeesThem() throws Exception {
        UserDataHeader port = UserDataHeader.ports(3590, 3590);
        kannel.injectData("4915100000004", OWN, port.withConcatenation(new UserDataHeader.Concatenation(42, 2, 1)),
                utf8("WV12SB12ab first "));
        kannel.injectData("4915100000004", OWN, port.withConcatenation(new UserDataHeader.Concatenation(42, 2, 2)),
                utf8("WV12SB12bb second"));
        MobileOriginated mo = awaitMo("4915100000004").message();
        assertEquals(3590, mo.destinationPort());
        assertEquals("WV12SB12ab first WV12SB12bb second", utf8(mo.payload()));
    }

    @Test
    void mtGsmTextLeavesFromTheGatewaysNumberAsText() throws Exception {
        String id = submit(new MobileTerminated("4915100000010", null, utf8("Hallo Jürgen, 1 € {ok}"), false));
        FakeSmscMessage mt = kannel.awaitMt(m -> m.receiver().equals("4915100000010"), WAIT);
        assertEquals(OWN, mt.sender());
        assertEquals(FakeSmscMessage.Type.TEXT, mt.type());
        assertEquals("Hallo Jürgen, 1 € {ok}", mt.text());
        assertNull(mt.destinationPort());
        assertNotNull(id);
    }

    @Test
    void mtTextOutsideTheGsmAlphabetLeavesAsUcs2() throws Exception {
        submit(new MobileTerminated("4915100000011", null, utf8("Привет, café"), false));
        FakeSmscMessage mt = kannel.awaitMt(m -> m.receiver().equals("4915100000011"), WAIT);
        assertEquals(FakeSmscMessage.Type.UCS2, mt.type());
        assertEquals("Привет, café", mt.text());
    }

    @Test
    void mtBinaryWithAPortLeavesAsEightBitDataWithThePortHeader() throws Exception {
        byte[] pts = new byte[133];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = (byte) (i * 7 + 200);
        }
        submit(new MobileTerminated("4915100000012", 3590, pts, true));
        FakeSmscMessage mt = kannel.awaitMt(m -> m.receiver().equals("4915100000012"), WAIT);
        assertEquals(FakeSmscMessage.Type.DATA, mt.type());
        assertArrayEquals(UserDataHeader.ports(3590, 3590).encode(), mt.udh());
        assertArrayEquals(pts, mt.payload());
    }

    @Test
    void mtCirTextToThePortLeavesAsTextWithThePortHeader() throws Exception {
        submit(new MobileTerminated("4915100000013", 3716, utf8("WVCI 1.2 c00kie"), false));
        FakeSmscMessage mt = kannel.awaitMt(m -> m.receiver().equals("4915100000013"), WAIT);
        assertEquals(3716, mt.destinationPort());
        assertEquals("WVCI 1.2 c00kie", mt.text());
    }

    @Test
    void theFakeSmscsDeliveryReportIsCountedAsDelivered() throws Exception {
        long before = center.counters().delivered();
        submit(new MobileTerminated("4915100000014", null, utf8("report me"), false));
        kannel.awaitMt(m -> m.receiver().equals("4915100000014"), WAIT);
        // At least: reports of other tests' messages may arrive meanwhile (exact counts: the test below).
        awaitTrue(() -> center.counters().delivered() >= before + 1, "one more delivered report");
    }

    /**
     * On a link of its own: Kannel's delivery reports for the other tests' messages reach the shared
     * link whenever they come, and on a busy machine one came in the middle of this test.
     */
    @Test
    void finalFailuresOnTheDeliveryReportUrlAreCountedAsUndeliverable(Vertx vertx) throws Exception {
        int port = KannelFixture.freePort();
        GatewayConfig.Kannel options = kannel.options();
        KannelSmsCenter own = new KannelSmsCenter(vertx, new GatewayConfig.Kannel(options.sendsmsUrl(),
                options.username(), options.password(), "127.0.0.1", port, MO_PATH), OWN);
        own.start(mo -> { }).await(10, TimeUnit.SECONDS);
        try {
            assertEquals(200, get(port, MO_PATH + "/dlr?id=x1&status=2"));
            assertEquals(200, get(port, MO_PATH + "/dlr?id=x2&status=16"));
            assertEquals(200, get(port, MO_PATH + "/dlr?id=x3&status=8"), "an intermediate report is taken but not counted");
            assertEquals(2, own.counters().undeliverable());
            assertEquals(0, own.counters().delivered());
        } finally {
            own.stop().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void badRequestsOnTheListenerAreRefusedAndOnlyCounted() throws Exception {
        long rejected = center.rejectedRequests();
        long received = center.counters().received();
        assertEquals(400, get(MO_PATH + "?to=3590&text=x&coding=0"), "no sender");
        assertEquals(400, get(MO_PATH + "?from=4915100000020&to=3590&text=%C3&coding=0"), "text that is not UTF-8");
        assertEquals(400, get(MO_PATH + "?from=4915100000020&to=3590&text=x&coding=1&udh=%06%05"), "broken header");
        assertEquals(400, get(MO_PATH + "/dlr?id=x&status=%25d"), "unexpanded status");
        assertEquals(404, get("/elsewhere?from=4915100000020&to=3590&text=x&coding=0"));
        HttpRequest post = HttpRequest.newBuilder(uri(MO_PATH + "?from=4915100000020&to=3590&text=x&coding=0"))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        assertEquals(405, HTTP.send(post, HttpResponse.BodyHandlers.discarding()).statusCode());
        assertEquals(rejected + 6, center.rejectedRequests());
        assertEquals(received, center.counters().received());
        assertNull(INBOUND.poll(300, TimeUnit.MILLISECONDS));
    }

    @Test
    void aMessageKannelRefusesFailsWithoutTakingTheLinkDown() {
        long failures = center.counters().submitFailures();
        Future<String> refused = center.submit(new MobileTerminated("not-a-number", null, utf8("x"), false));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> refused.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().startsWith("Kannel refused the message: 4"), e.getCause().getMessage());
        assertEquals(failures + 1, center.counters().submitFailures());
        assertTrue(center.connected());
    }

    @Test
    void whileKannelIsDownSubmitsFailAndTheLinkIsNotConnected() throws Exception {
        submit(new MobileTerminated("4915100000030", null, utf8("before"), false));
        assertTrue(center.connected());
        SmsCounters before = center.counters();
        kannel.stopSmsbox();
        try {
            Future<String> down = center.submit(new MobileTerminated("4915100000030", null, utf8("while down"), false));
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> down.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().startsWith("Kannel's sendsms did not answer"), e.getCause().getMessage());
            assertFalse(center.connected());
            assertEquals(before.submitFailures() + 1, center.counters().submitFailures());
        } finally {
            kannel.startSmsbox();
        }
        submit(new MobileTerminated("4915100000030", null, utf8("after"), false));
        assertTrue(center.connected());
        assertEquals(before.connects() + 1, center.counters().connects());
        kannel.awaitMt(m -> m.receiver().equals("4915100000030") && m.text().equals("after"), WAIT);
        assertTrue(kannel.mtMessages().stream().noneMatch(m -> m.text().equals("while down")));
    }

    private static String submit(MobileTerminated message) throws Exception {
        return center.submit(message).await(10, TimeUnit.SECONDS);
    }

    private static Arrival awaitMo(String sender) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Arrival arrival = INBOUND.poll(100, TimeUnit.MILLISECONDS);
            if (arrival != null && arrival.message().sender().equals(sender)) {
                return arrival;
            }
        }
        throw new AssertionError("no MO message from " + sender + " within " + WAIT);
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static int get(String pathAndQuery) throws IOException, InterruptedException {
        return get(moPort, pathAndQuery);
    }

    private static int get(int port, String pathAndQuery) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + moPort + pathAndQuery);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
