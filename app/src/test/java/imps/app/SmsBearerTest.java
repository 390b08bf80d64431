package imps.app;

import imps.app.CspClient.Reply;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.SessionType;
import imps.protocol.Transaction;
import imps.protocol.TransactionMode;
import imps.transport.sms.smpp.SmscSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SMS bearer end to end beyond the session contract (SmsPts12SsmsContractTest runs login,
 * negotiation, keep-alive, polling, recovery, SMS CIR, envelope errors and logout over SMS): a
 * gateway node bound to a test SMSC over real SMPP on loopback, phones speaking PTS in data SMS,
 * other users on HTTP. STCP offered over SMS is not agreed; a session moving HTTP → SMS → HTTP with
 * its queue intact; long primitives split and reassembled; text that is not PTS and bad PTS;
 * hostile user data headers; the SMSC dropping the bind; throttling; SMS CIR for HTTP clients.
 */
class SmsBearerTest {
    private static final CspVersion V = CspVersion.V1_2;
    private static final String GATEWAY_NUMBER = SmsBinding.GATEWAY_NUMBER;
    private static SmscSimulator smsc;
    private static TestNode node;
    private static CspClient http;

    @BeforeAll
    static void start() throws Exception {
        smsc = SmscSimulator.start("imps", "secret");
        node = TestNode.start(SmsBinding.nodeEnv(smsc));
        smsc.awaitBound(Duration.ofSeconds(20));
        http = node.client();
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (smsc != null) {
            smsc.close();
        }
    }

    private static SmsPhone phone(String number) {
        return new SmsPhone(smsc, number, GATEWAY_NUMBER);
    }

    private static int code(Element primitive) {
        Element result = primitive.child("Result");
        return Integer.parseInt(result.childText("Code"));
    }

    /** Logs in over SMS (2-way), agrees SMS CIR and all services; returns the Session-ID. */
    private static String smsLogin(SmsPhone phone, String user, String cookie) {
        phone.send("WV12LR1 CI=http://phone.example.net/" + phone.number() + " TL=600 SC=" + cookie
                + " PW=secret UI=wv:" + user);
        CspMessage login = phone.receive();
        assertEquals("Login-Response", login.first().primitiveName());
        assertEquals("1", login.first().transactionId());
        assertEquals(200, code(login.first().primitive()), "login over SMS");
        String sessionId = login.first().primitive().childText("SessionID");
        assertNotNull(sessionId);

        phone.send("WV12CP2 SI=" + sessionId + " CA=((CT,MP),(PS,262144),(MT,1),(ID,P),(PM,30),(SB,SMS),(SC,ST),(SC,SS))");
        CspMessage caps = phone.receive();
        assertEquals("ClientCapability-Response", caps.first().primitiveName());
        Element agreed = caps.first().primitive().child("AgreedCapabilityList");
        assertEquals(List.of("SSMS"), agreed.childTexts("SupportedCIRMethod"),
                "a client on SMS has no TCP connection: SMS CIR (docs/sms.md)");

        phone.send("WV12SQ3 SI=" + sessionId + " RF=(FF,PF,IF,GE) AR=T");
        assertEquals("Service-Response", phone.receive().first().primitiveName());
        return sessionId;
    }

    private static String httpSession(String user, String clientUrl) {
        String sid = http.login(V, user, "secret", clientUrl);
        assertEquals("ClientCapability-Response", http.request(V, sid, Element.of("ClientCapability-Request",
                Element.builder("CapabilityList").leaf("ClientType", "MOBILE_PHONE").leaf("SupportedBearer", "HTTP").build()))
                .primitive().name());
        assertEquals("Service-Response", http.request(V, sid, CspClient.serviceRequest()).primitive().name());
        return sid;
    }

    private static Element message(String to, String text) {
        return Element.builder("SendMessage-Request").leaf("DeliveryReport", "F")
                .add(Element.builder("MessageInfo").leaf("ContentType", "text/plain").leaf("ContentSize", text.length())
                        .add(Element.of("Recipient", Element.of("User", Element.leaf("UserID", to)))).build())
                .leaf("ContentData", text).build();
    }

    private static CspMessage poll(String sessionId) {
        return new CspMessage(V, SessionType.INBAND, sessionId,
                List.of(new Transaction(TransactionMode.REQUEST, "0", Element.empty("Polling-Request"))), null, null);
    }

    private static CspMessage delivered(String sessionId, CspMessage newMessage) {
        String id = newMessage.first().primitive().child("MessageInfo").childText("MessageID");
        return new CspMessage(V, SessionType.INBAND, sessionId, List.of(new Transaction(TransactionMode.RESPONSE,
                newMessage.first().transactionId(), Element.of("MessageDelivered", Element.leaf("MessageID", id)))), null, null);
    }

    @Test
    void aSessionMovesHttpToSmsAndBackWithItsQueueIntact() {
        String dave = httpSession("dave", "dave-phone");
        String bob = httpSession("bob", "bob-laptop");
        for (int i = 1; i <= 3; i++) {
            assertEquals(200, http.request(V, bob, message("wv:dave", "m" + i)).code());
        }
        List<String> received = new ArrayList<>();

        Reply first = http.send(poll(dave));
        assertEquals("NewMessage", first.primitive().name());
        received.add(first.primitive().childText("ContentData"));
        http.respond(V, dave, first.transaction().transactionId(), Element.of("MessageDelivered",
                Element.leaf("MessageID", first.primitive().child("MessageInfo").childText("MessageID"))));

        SmsPhone phone = phone("4917000003");
        phone.send(poll(dave));
        CspMessage overSms = phone.receive();
        assertEquals(dave, overSms.sessionId(), "the same session, now over SMS");
        assertEquals("NewMessage", overSms.first().primitiveName());
        received.add(overSms.first().primitive().childText("ContentData"));
        phone.send(delivered(dave, overSms));

        CspMessage next = phone.receive();
        assertEquals("NewMessage", next.first().primitiveName(),
                "no Poll flag in PTS: the answer over SMS is answered with the next queued primitive");
        assertTrue(!next.first().transactionId().equals(overSms.first().transactionId()));
        received.add(next.first().primitive().childText("ContentData"));
        Reply ack = http.respond(V, dave, next.first().transactionId(), Element.of("MessageDelivered",
                Element.leaf("MessageID", next.first().primitive().child("MessageInfo").childText("MessageID"))));
        assertEquals(200, ack.status(), "a transaction handed out over SMS is acknowledged over HTTP");

        assertEquals(List.of(), http.drain(V, dave), "nothing is left and nothing comes twice");
        assertEquals(List.of("m1", "m2", "m3"), received, "each queued message once, in order, across bearers");
    }

    @Test
    void longPrimitivesAreSplitAndReassembled() {
        SmsPhone phone = phone("4917000004");
        String erin = smsLogin(phone, "erin", "wv:erin.4");
        String bob = httpSession("bob", "bob-tablet");

        StringBuilder users = new StringBuilder();
        for (String u : List.of("alice", "bob", "carol", "dave", "frank", "grace", "heidi", "ivan")) {
            users.append(users.isEmpty() ? "" : ",").append("wv:").append(u).append("@example.net");
        }
        String subscribe = "WV12SB12 SI=" + erin + " PS=(OS,CF,UA,ST) UI=(" + users + ")";
        int parts = phone.send(subscribe.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(parts > 1, "the request took " + parts + " SMS");
        CspMessage subscribed = phone.receive();
        assertEquals("12", subscribed.first().transactionId());
        assertEquals(200, code(subscribed.first().primitive()), "the split request was reassembled and understood");

        String text = "a long message ".repeat(20).trim();
        assertEquals(200, http.request(V, bob, message("wv:erin", text)).code());
        phone.receiveCir();
        CspMessage pushed;
        do {
            phone.send(poll(erin));
            pushed = phone.receive();
            if (!pushed.first().primitiveName().equals("NewMessage")) {
                phone.send(new CspMessage(V, SessionType.INBAND, erin, List.of(new Transaction(TransactionMode.RESPONSE,
                        pushed.first().transactionId(), Element.of("Status", Element.of("Result", Element.leaf("Code", "200"))))),
                        null, null));
            }
        } while (!pushed.first().primitiveName().equals("NewMessage"));
        assertEquals(text, pushed.first().primitive().childText("ContentData"), "a NewMessage of several SMS, joined");
        phone.send(delivered(erin, pushed));
    }

    @Test
    void badPtsIsAnsweredWithStatus400AndChangesNothing() {
        SmsPhone phone = phone("4917000005");
        String frank = smsLogin(phone, "frank", "wv:frank.5");

        phone.send("hello, is this the chat?");
        phone.send("WV12KA7 SI=" + frank + " TL=(600");
        CspMessage refused = phone.receive();
        assertEquals("Status", refused.first().primitiveName(), "text that is not PTS gets no answer, bad PTS a Status");
        assertEquals("7", refused.first().transactionId());
        assertEquals(400, code(refused.first().primitive()));

        phone.send("WV12KA8 SI=" + frank);
        CspMessage alive = phone.receive();
        assertEquals(200, code(alive.first().primitive()), "the session is untouched");
        assertEquals("600", alive.first().primitive().childText("KeepAliveTime"), "the bad TimeToLive was not applied");
    }

    /** Every answer to a PTS request that carried a Session-ID repeats it, also when the rest is unreadable. */
    @Test
    void ptsErrorAnswersRepeatTheSessionId() {
        SmsPhone phone = phone("4917000011");
        String judy = smsLogin(phone, "judy", "wv:judy.11");

        byte[] notUtf8 = ("WV12KA5 SI=" + judy + " TL=36").getBytes(StandardCharsets.US_ASCII);
        phone.send(concat(notUtf8, new byte[] {(byte) 0xff, '0'}));
        CspMessage refused = phone.receive();
        assertEquals(judy, refused.sessionId(), "SI= is plain ASCII and is repeated");
        assertEquals("5", refused.first().transactionId());
        assertEquals(400, code(refused.first().primitive()));

        byte[] tooLong = ("WV12KA7 SI=" + judy + " TL=" + "1".repeat(4239 - 20 - judy.length()))
                .getBytes(StandardCharsets.US_ASCII);
        assertEquals(0, smsc.deliverDataSm(phone.number(), GATEWAY_NUMBER, SmsPhone.DATA_PORT, tooLong),
                "one data_sm with a 4 KB payload");
        CspMessage overLimit = phone.receive();
        assertEquals(judy, overLimit.sessionId());
        assertEquals("7", overLimit.first().transactionId());
        assertEquals(400, code(overLimit.first().primitive()));
        assertTrue(overLimit.first().primitive().child("Result").childText("Description").contains("3458"),
                "the limit docs/pts.md gives");

        phone.send("WV10KA8 SI=" + judy + " TL=3600");
        CspMessage foreign = phone.receive();
        assertEquals(CspVersion.V1_2, foreign.version(), "answered in a version the gateway speaks");
        assertEquals(judy, foreign.sessionId());
        assertEquals("8", foreign.first().transactionId());
        assertEquals(505, code(foreign.first().primitive()));

        phone.send("WV12KA9 SI=" + judy);
        assertEquals(200, code(phone.receive().first().primitive()), "the session is untouched");
    }

    /** Hostile user data headers are refused with ESME_RX_P_APPN; the link and the sessions stay. */
    @Test
    void hostileUserDataHeadersAreRefusedAndTheLinkStaysUp() {
        SmsPhone phone = phone("4917000012");
        String ken = smsLogin(phone, "ken", "wv:ken.12");
        int udhi = 0x40;
        byte[] headerLongerThanMessage = concat(new byte[] {0x20, 0x05, 0x04, 0x0e, 0x06, 0x00, 0x00},
                "text".getBytes(StandardCharsets.US_ASCII));
        assertEquals(org.jsmpp.SMPPConstant.STAT_ESME_RX_P_APPN,
                smsc.deliverRaw(phone.number(), GATEWAY_NUMBER, udhi, 0x04, headerLongerThanMessage));
        byte[] partThreeOfTwo = concat(new byte[] {0x05, 0x00, 0x03, 0x07, 0x02, 0x03},
                "part".getBytes(StandardCharsets.US_ASCII));
        assertEquals(org.jsmpp.SMPPConstant.STAT_ESME_RX_P_APPN,
                smsc.deliverRaw(phone.number(), GATEWAY_NUMBER, udhi, 0x04, partThreeOfTwo));
        phone.send("WV12KA4 SI=" + ken);
        assertEquals(200, code(phone.receive().first().primitive()), "the link is up and the session answers");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void theGatewayRebindsAfterTheSmscDropsAndRetriesThrottledSubmits() throws Exception {
        smsc.dropConnections();
        smsc.awaitBound(Duration.ofSeconds(20));
        java.net.http.HttpResponse<String> health = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(node.mgmtUrl() + "/health/sms")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(new io.vertx.core.json.JsonObject(health.body()).getLong("connects") >= 2,
                "the management port shows the link and its re-binds: " + health.body());
        SmsPhone phone = phone("4917000006");
        String grace = smsLogin(phone, "grace", "wv:grace.6");

        smsc.throttleSubmits(true);
        int throttledBefore = smsc.throttleTimes().size();
        phone.send("WV12KA5 SI=" + grace);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (smsc.throttleTimes().size() == throttledBefore && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(smsc.throttleTimes().size() > throttledBefore, "the SMSC refused the answer at least once");
        smsc.throttleSubmits(false);
        CspMessage answer = phone.receive();
        assertEquals("KeepAlive-Response", answer.first().primitiveName(), "the throttled answer was submitted again");
        assertEquals(200, code(answer.first().primitive()));
    }

    @Test
    void httpClientsGetSmsCirThroughTheirClientIdMsisdnOrAHelo() {
        String bob = httpSession("bob", "bob-watch");
        SmsPhone heidiPhone = phone("4917000007");
        Element login = Element.builder("Login-Request").leaf("UserID", "heidi")
                .add(Element.of("ClientID", Element.leaf("MSISDN", heidiPhone.number())))
                .leaf("Password", "secret").leaf("SessionCookie", "wv:heidi.7").build();
        String heidi = http.request(V, null, login).primitive().childText("SessionID");
        Element agreed = http.request(V, heidi, Element.of("ClientCapability-Request", Element.builder("CapabilityList")
                .leaf("SupportedBearer", "HTTP").leaf("SupportedCIRMethod", "SSMS").build())).primitive()
                .child("AgreedCapabilityList");
        assertEquals(List.of("SSMS"), agreed.childTexts("SupportedCIRMethod"), "the MSISDN of the Client-ID is honoured");
        assertEquals("Service-Response", http.request(V, heidi, CspClient.serviceRequest()).primitive().name());
        assertEquals(200, http.request(V, bob, message("wv:heidi", "wake up")).code());
        assertEquals("WVCI 1.2 wv:heidi.7", heidiPhone.receiveCir());
        assertEquals("wake up", http.drain(V, heidi).get(0).childText("ContentData"), "the client polls over HTTP");

        String ivan = httpSession("ivan", "ivan-desk");
        SmsPhone ivanPhone = phone("4917000008");
        ivanPhone.sendToCirPort("HELO " + ivan);
        assertEquals(200, http.request(V, bob, message("wv:ivan", "over there")).code());
        assertEquals("WVCI 1.2 cookie-ivan-desk", ivanPhone.receiveCir(),
                "HELO tied the phone to the session (docs/sms.md)");
    }
}
