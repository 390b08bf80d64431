package imps.app;

import imps.app.CspClient.Reply;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.SessionType;
import imps.protocol.Transaction;
import imps.protocol.TransactionMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inband/outband rules (OMA-TS-IMPS_CSP-V1_3 §5.3), the Status rules (§6.1), negotiation, keep-alive, polling and
 * logout of one session, over real HTTP.
 */
class SessionRulesTest {
    private static TestNode node;
    private static CspClient client;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("IMPS_SESSION_MAX_SESSIONS_PER_USER", "100"));
        client = node.client();
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    private static String login(CspVersion v) {
        return client.login(v, "alice", "secret", "rules-" + System.nanoTime());
    }

    @ParameterizedTest
    @EnumSource(CspVersion.class)
    void inbandRepliesEchoSessionIdAndTransactionId(CspVersion v) {
        String sid = login(v);
        Reply r = client.send(new CspMessage(v, SessionType.INBAND, sid,
                List.of(new Transaction(TransactionMode.REQUEST, "tx-42", Element.empty("KeepAlive-Request"))), null, null));
        assertEquals(sid, r.message().sessionId());
        assertEquals(SessionType.INBAND, r.message().sessionType());
        assertEquals("tx-42", r.transaction().transactionId());
        assertEquals(TransactionMode.RESPONSE, r.transaction().mode());
        assertEquals(Boolean.FALSE, r.message().poll(), "Poll flag present and F with nothing queued");
    }

    @Test
    void inbandWithoutSessionIdIsStatus400() {
        Reply r = client.send(new CspMessage(CspVersion.V1_2, SessionType.INBAND, null,
                List.of(new Transaction(TransactionMode.REQUEST, "7", Element.empty("KeepAlive-Request"))), null, null));
        assertEquals("Status", r.primitive().name());
        assertEquals(400, r.code());
        assertEquals("7", r.transaction().transactionId());
    }

    @ParameterizedTest
    @EnumSource(CspVersion.class)
    void unknownSessionIs604AndEchoesTheSessionId(CspVersion v) {
        Reply r = client.request(v, "no-such-session", Element.empty("KeepAlive-Request"));
        assertEquals("KeepAlive-Response", r.primitive().name(),
                "its response has a Result slot (OMA-TS-IMPS_CSP-V1_3 §6.1)");
        assertEquals(604, r.code());
        assertEquals("no-such-session", r.message().sessionId());
        Reply service = client.request(v, "no-such-session", CspClient.serviceRequest());
        assertEquals("Status", service.primitive().name(), "Service-Response has no Result slot");
        assertEquals(604, service.code());
    }

    @Test
    void aSessionIsNotItsConnection() throws Exception {
        String sid = login(CspVersion.V1_2);
        for (int i = 0; i < 3; i++) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", node.config().http().port())) {
                byte[] body = new imps.codec.xml.XmlEncoder().encode(new CspMessage(CspVersion.V1_2, SessionType.INBAND, sid,
                        List.of(new Transaction(TransactionMode.REQUEST, "c" + i, Element.empty("KeepAlive-Request"))), null, null));
                String head = "POST " + node.config().http().path() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                        + "Content-Type: application/vnd.wv.csp.xml\r\nContent-Length: " + body.length + "\r\n\r\n";
                socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                socket.getOutputStream().write(body);
                String reply = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertTrue(reply.startsWith("HTTP/1.1 200"), reply);
                assertTrue(reply.contains("<Code>200</Code>") && reply.contains("<TransactionID>c" + i + "</TransactionID>"), reply);
            }
        }
    }

    @Test
    void outbandWithSessionIdIsStatus400() {
        Reply r = client.send(new CspMessage(CspVersion.V1_3, SessionType.OUTBAND, "abc",
                List.of(new Transaction(TransactionMode.REQUEST, "1", Element.empty("Polling-Request"))), null, null));
        assertEquals(400, r.code());
    }

    @Test
    void sessionPrimitivesSentOutbandAre604() {
        Reply r = client.request(CspVersion.V1_2, null, Element.empty("KeepAlive-Request"));
        assertEquals(604, r.code());
        assertEquals(SessionType.OUTBAND, r.message().sessionType());
    }

    @Test
    void getSpInfoWorksOutbandAndNeedsNegotiationInband() {
        Reply outband = client.request(CspVersion.V1_2, null, Element.empty("GetSPInfo-Request"));
        assertEquals("GetSPInfo-Response", outband.primitive().name());
        assertEquals(node.config().csp().serviceProvider().name(), outband.primitive().childText("Name"));

        String sid = login(CspVersion.V1_2);
        Reply before = client.request(CspVersion.V1_2, sid, Element.empty("GetSPInfo-Request"));
        assertEquals("Status", before.primitive().name(), "GetSPInfo-Response has no Result slot: errors go in Status");
        assertEquals(506, before.code(), "service negotiation is mandatory after login (OMA-TS-IMPS_CSP-V1_3 §7.1)");
        Reply service = client.request(CspVersion.V1_2, sid, CspClient.serviceRequest());
        assertEquals("Service-Response", service.primitive().name());
        Reply after = client.request(CspVersion.V1_2, sid, Element.empty("GetSPInfo-Request"));
        assertEquals("GetSPInfo-Response", after.primitive().name());
    }

    @ParameterizedTest
    @EnumSource(CspVersion.class)
    void serviceNegotiationGrantsOnlyWhatIsImplemented(CspVersion v) {
        String sid = login(v);
        Reply r = client.request(v, sid, CspClient.serviceRequest());
        Element p = r.primitive();
        assertEquals("Service-Response", p.name());
        if (v == CspVersion.V1_1) {
            assertEquals("ClientID", p.children().get(0).name(), "1.1 Service-Response starts with ClientID");
        }
        Element all = p.child("AllFunctions").child("WVCSPFeat");
        assertNotNull(all.child("FundamentalFeat").child("ServiceFunc").child("GETSPI"));
        Element denied = p.child("Functions").child("WVCSPFeat");
        assertNotNull(denied.child("GroupFeat"), "features without an implementation are refused");
        assertNotNull(all.child("PresenceFeat").child("PresenceDeliverFunc").child("GETPR"));
        assertNotNull(all.child("IMFeat").child("IMReceiveFunc").child("NEWM"), "push leaves are announced too");
        Reply search = client.request(v, sid, Element.of("Search-Request",
                Element.of("SearchPairList", Element.leaf("SearchElement", "USER_ID"), Element.leaf("SearchString", "a"))));
        assertEquals(506, search.code(), "a function not agreed is 506");
        assertEquals("Status", search.primitive().name(), "Search-Response has no Result slot");
    }

    @Test
    void unknownPrimitiveInASessionIsStatus400() {
        String sid = login(CspVersion.V1_2);
        Reply r = client.request(CspVersion.V1_2, sid, Element.empty("Frobnicate-Request"));
        assertEquals("Status", r.primitive().name());
        assertEquals(400, r.code());
    }

    @ParameterizedTest
    @EnumSource(CspVersion.class)
    void keepAliveChangesTheTimeOrRefusesWith605(CspVersion v) {
        String sid = login(v);
        Reply ok = client.request(v, sid, Element.builder("KeepAlive-Request").leaf("TimeToLive", 900).build());
        assertEquals(200, ok.code());
        assertEquals("900", ok.primitive().childText("KeepAliveTime"));
        Reply refused = client.request(v, sid, Element.builder("KeepAlive-Request").leaf("TimeToLive", 999_999).build());
        assertEquals("KeepAlive-Response", refused.primitive().name());
        assertEquals(605, refused.code());
        assertEquals("900", refused.primitive().childText("KeepAliveTime"), "the old value stays");
        Reply bad = client.request(v, sid, Element.builder("KeepAlive-Request").leaf("TimeToLive", "soon").build());
        assertEquals("Status", bad.primitive().name(), "a malformed request gets Status 400, not its response");
        assertEquals(400, bad.code());
    }

    @Test
    void parallelSessionsOfOneUserHaveIndependentContexts() {
        String s1 = login(CspVersion.V1_3);
        String s2 = login(CspVersion.V1_3);
        assertNotEquals(s1, s2);
        client.request(CspVersion.V1_3, s1, Element.builder("KeepAlive-Request").leaf("TimeToLive", 120).build());
        Reply other = client.request(CspVersion.V1_3, s2, Element.empty("KeepAlive-Request"));
        assertEquals(String.valueOf(node.config().session().keepAliveDefaultSeconds()), other.primitive().childText("KeepAliveTime"));
        client.request(CspVersion.V1_3, s2, CspClient.serviceRequest());
        assertEquals(506, client.request(CspVersion.V1_3, s1, Element.empty("GetSPInfo-Request")).code(),
                "negotiation in one session does not leak into the other");
        assertEquals(200, client.request(CspVersion.V1_3, s1, Element.empty("Logout-Request")).code());
        assertEquals(200, client.request(CspVersion.V1_3, s2, Element.empty("KeepAlive-Request")).code(),
                "logging out one session leaves the other");
    }

    @Test
    void versionStaysFixedForTheSession() {
        String sid = login(CspVersion.V1_2);
        Reply r = client.request(CspVersion.V1_3, sid, Element.empty("KeepAlive-Request"));
        assertEquals(505, r.code());
        assertEquals(200, client.request(CspVersion.V1_2, sid, Element.empty("KeepAlive-Request")).code());
    }

    @ParameterizedTest
    @EnumSource(CspVersion.class)
    void pollingWithNothingQueuedIsAnEmpty200(CspVersion v) {
        String sid = login(v);
        Reply r = client.send(new CspMessage(v, SessionType.INBAND, sid,
                List.of(new Transaction(TransactionMode.REQUEST, null, Element.empty("Polling-Request"))), null, null));
        assertEquals(200, r.status());
        assertEquals(0, r.body().length);
    }

    @ParameterizedTest
    @EnumSource(CspVersion.class)
    void logoutIsStatus200WithTheSameTransactionIdAndEndsTheSession(CspVersion v) {
        String sid = login(v);
        Reply r = client.send(new CspMessage(v, SessionType.INBAND, sid,
                List.of(new Transaction(TransactionMode.REQUEST, "bye", Element.empty("Logout-Request"))), null, null));
        assertEquals("Status", r.primitive().name());
        assertEquals(200, r.code());
        assertEquals("bye", r.transaction().transactionId());
        assertEquals(604, client.request(v, sid, Element.empty("KeepAlive-Request")).code());
        assertEquals(604, client.request(v, sid, Element.empty("Logout-Request")).code());
    }

    @Test
    void capabilityNegotiationRaisesServerPollMinToTheFloor() {
        String sid = login(CspVersion.V1_2);
        Reply r = client.request(CspVersion.V1_2, sid, Element.of("ClientCapability-Request",
                Element.of("CapabilityList", Element.leaf("ClientType", "MOBILE_PHONE"), Element.leaf("SupportedBearer", "HTTP"),
                        Element.leaf("ServerPollMin", "5"))));
        Element agreed = r.primitive().child("AgreedCapabilityList");
        assertNull(agreed.child("SupportedCIRMethod"), "a client without CIR methods polls");
        assertEquals(String.valueOf(node.config().session().serverPollMinSeconds()), agreed.childText("ServerPollMin"));
    }
}
