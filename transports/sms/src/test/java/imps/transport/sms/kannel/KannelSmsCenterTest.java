package imps.transport.sms.kannel;

import imps.transport.sms.MobileOriginated;
import imps.transport.sms.MobileTerminated;
import imps.transport.sms.SmsCenter;
import imps.transport.sms.SmsCenterContract;
import imps.transport.sms.SmsCounters;
import imps.transport.sms.UserDataHeader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@link SmsCenter} contract against a real Kannel on loopback (bearerbox, smsbox, fake SMSC,
 * fakesmsc playing the phones), and what only the Kannel link has: its connected state from probing
 * sendsms, Kannel joining concatenated parts, report types, and its HTTP listener refusing bad
 * requests.
 */
class KannelSmsCenterTest extends SmsCenterContract {
    private static final String MO_PATH = "/kannel/mo";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private KannelFixture kannel;
    private int moPort;

    @Override
    protected Network startNetwork() {
        moPort = KannelFixture.freePort();
        kannel = KannelFixture.start(moPort, MO_PATH);
        return new Network() {
            @Override
            public SmsCenter link(Vertx vertx, String own) {
                return new KannelSmsCenter(vertx, kannel.options(), own);
            }

            @Override
            public void awaitReady(SmsCenter link) {
                awaitTrue(link::connected, "sendsms to answer the first probe");
            }

            @Override
            public void phoneSendsText(String phone, String text) {
                kannel.injectText(phone, OWN, text);
            }

            @Override
            public void phoneSendsData(String phone, int port, byte[] data) {
                kannel.injectData(phone, OWN, UserDataHeader.ports(port, port), data);
            }

            /**
             * Kannel's fake SMSC hands a message with a user data header to fakesmsc without its
             * coding, so fakesmsc shows it as data: for those the kind is not known here (the
             * coding the gateway asks for is checked in SendsmsRequestsTest).
             */
            @Override
            public Received awaitReceived(String phone) {
                FakeSmscMessage mt = kannel.awaitMt(m -> m.receiver().equals(phone), WAIT);
                Kind kind = mt.udh().length > 0 ? null : switch (mt.type()) {
                    case TEXT -> Kind.GSM_TEXT;
                    case UCS2 -> Kind.UCS2_TEXT;
                    case DATA -> Kind.DATA;
                };
                return new Received(mt.sender(), mt.receiver(), kind, mt.destinationPort(), mt.payload(), mt.text());
            }

            /** The fake SMSC reports every message it takes as delivered by itself. */
            @Override
            public void reportDelivered(String id) {
            }

            /** What smsbox does when the SMSC reports a failure: it calls the dlr-url with type 2. */
            @Override
            public void reportUndeliverable(String id) {
                assertEquals(200, get(MO_PATH + "/dlr?id=" + id + "&status=2"));
            }

            /** smsbox refuses a receiver that is no number. */
            @Override
            public String refusedRecipient() {
                return "not-a-number";
            }

            @Override
            public void goDown() {
                kannel.stopSmsbox();
            }

            @Override
            public void comeBack() {
                kannel.startSmsbox();
            }

            /** Every message fakesmsc took is reported delivered; wait for those reports. */
            @Override
            public void settle(SmsCenter link) {
                awaitTrue(() -> link.counters().delivered() == kannel.mtMessages().size(),
                        "a delivery report for each message fakesmsc took");
            }

            @Override
            public void close() {
                kannel.close();
            }
        };
    }

    @Test
    void aNewLinkIsConnectedAsSoonAsSendsmsAnswersWithoutAnyMessage() throws Exception {
        KannelOptions options = kannel.options();
        KannelSmsCenter fresh = new KannelSmsCenter(vertx(), new KannelOptions(options.sendsmsUrl(),
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
    void aLinkToAKannelThatIsNotThereStaysDisconnected() throws Exception {
        KannelSmsCenter nowhere = new KannelSmsCenter(vertx(), new KannelOptions(
                "http://127.0.0.1:" + KannelFixture.freePort() + "/cgi-bin/sendsms", "imps", "x", "127.0.0.1", 0, MO_PATH), OWN);
        nowhere.start(mo -> { }).await(10, TimeUnit.SECONDS);
        try {
            Future<String> refused = nowhere.submit(new MobileTerminated(newPhone(), null, utf8("x"), false));
            assertThrows(ExecutionException.class,
                    () -> refused.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS));
            assertFalse(nowhere.connected());
            assertEquals(new SmsCounters(0, 0, 1, 0, 0, 0), nowhere.counters());
        } finally {
            nowhere.stop().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRefusalNamesKannelsAnswer() throws Exception {
        Throwable refused = refusal(new MobileTerminated("not-a-number", null, utf8("x"), false));
        assertTrue(refused.getMessage().startsWith("Kannel refused the message: 4"), refused.getMessage());
    }

    @Test
    void moTextToTheCirPortArrivesAsTextWithThePort() throws Exception {
        String phone = newPhone();
        kannel.injectPortText(phone, OWN, 3716, "HELO S-7f3a2c91");
        MobileOriginated mo = awaitMo(phone);
        assertEquals(3716, mo.destinationPort());
        assertEquals("HELO S-7f3a2c91", new String(mo.payload(), StandardCharsets.UTF_8));
    }

    @Test
    void kannelJoinsConcatenatedPartsBeforeTheGatewaySeesThem() throws Exception {
        String phone = newPhone();
        UserDataHeader port = UserDataHeader.ports(3590, 3590);
        kannel.injectData(phone, OWN, port.withConcatenation(new UserDataHeader.Concatenation(42, 2, 1)),
                utf8("WV12SB12ab first "));
        kannel.injectData(phone, OWN, port.withConcatenation(new UserDataHeader.Concatenation(42, 2, 2)),
                utf8("WV12SB12bb second"));
        MobileOriginated mo = awaitMo(phone);
        assertEquals(3590, mo.destinationPort());
        assertEquals("WV12SB12ab first WV12SB12bb second", new String(mo.payload(), StandardCharsets.UTF_8));
    }

    @Test
    /**
     * On a link of its own: Kannel's delivery reports for the other tests' messages reach the shared
     * link whenever they come, and on a busy machine one came in the middle of this test.
     */
    void smscRejectionsAreUndeliverableAndIntermediateReportsAreNotCounted() throws Exception {
        int port = KannelFixture.freePort();
        KannelOptions options = kannel.options();
        KannelSmsCenter own = new KannelSmsCenter(vertx(), new KannelOptions(options.sendsmsUrl(),
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
        KannelSmsCenter link = (KannelSmsCenter) center();
        long rejected = link.rejectedRequests();
        long received = link.counters().received();
        String phone = newPhone();
        assertEquals(400, get(MO_PATH + "?to=3590&text=x&coding=0"), "no sender");
        assertEquals(400, get(MO_PATH + "?from=" + phone + "&to=3590&text=%C3&coding=0"), "text that is not UTF-8");
        assertEquals(400, get(MO_PATH + "?from=" + phone + "&to=3590&text=x&coding=1&udh=%06%05"), "broken header");
        assertEquals(400, get(MO_PATH + "/dlr?id=x&status=%25d"), "unexpanded status");
        assertEquals(404, get("/elsewhere?from=" + phone + "&to=3590&text=x&coding=0"));
        HttpRequest post = HttpRequest.newBuilder(uri(MO_PATH + "?from=" + phone + "&to=3590&text=x&coding=0"))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        assertEquals(405, HTTP.send(post, HttpResponse.BodyHandlers.discarding()).statusCode());
        assertEquals(rejected + 6, link.rejectedRequests());
        assertEquals(received, link.counters().received());
        assertNoMoFrom(phone, Duration.ofMillis(300), "nothing refused reaches the handler");
    }

    private int get(String pathAndQuery) {
        return get(moPort, pathAndQuery);
    }

    private int get(int port, String pathAndQuery) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + moPort + pathAndQuery);
    }
}
