package imps.app;

import imps.app.CspClient.Reply;
import imps.auth.PasswordDigest;
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
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Session recovery and re-establishment (OMA-TS-IMPS_CSP_Transport §6, OMA-TS-IMPS_CSP-V1_3 §7.1.1 and
 * §6.4.4; docs/conformance.md, "Decisions where the CRs disagree"): a Login-Request carrying the
 * Session-ID of a retained or live session brings back the same session with its context and queue;
 * the refusals are 502, 422, 606 and the login's own 409 / 531.
 */
class RecoveryTest {
    private static TestNode node;
    private static CspClient client;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("IMPS_SESSION_KEEP_ALIVE_MIN_SECONDS", "1",
                "IMPS_SESSION_EXPIRY_GRACE_SECONDS", "0", "IMPS_SESSION_SWEEP_INTERVAL_MILLIS", "100",
                "IMPS_SESSION_MAX_SESSIONS_PER_USER", "100"));
        client = node.client();
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    private static String unique(String base) {
        return base + "-" + System.nanoTime();
    }

    /** The form real clients send: inband, the old Session-ID in the SessionDescriptor (docs/conformance.md). */
    private static Reply recoverInband(CspVersion v, String sid, String user, String password, String clientUrl) {
        Element login = CspClient.login2way(user, password, clientUrl, null);
        return client.send(new CspMessage(v, SessionType.INBAND, sid,
                List.of(new Transaction(TransactionMode.REQUEST, client.nextTransactionId(), login)), null, null));
    }

    private static Reply poll(CspVersion v, String sid) {
        return client.send(new CspMessage(v, SessionType.INBAND, sid,
                List.of(new Transaction(TransactionMode.REQUEST, null, Element.empty("Polling-Request"))), null, null));
    }

    private static Element notice(String text) {
        return Element.of("NewMessage", Element.of("MessageInfo", Element.leaf("MessageID", text)),
                Element.leaf("ContentData", text));
    }

    @ParameterizedTest
    @EnumSource(CspVersion.class)
    void recoveryAfterLogoutRestoresTheSameSessionWithoutNegotiation(CspVersion v) {
        String clientUrl = unique("rl");
        String sid = client.login(v, "alice", "secret", clientUrl);
        client.request(v, sid, CspClient.serviceRequest());
        client.request(v, sid, Element.of("ClientCapability-Request", Element.of("CapabilityList",
                Element.leaf("SupportedBearer", "HTTP"), Element.leaf("SupportedCIRMethod", "STCP"))));
        client.request(v, sid, Element.builder("KeepAlive-Request").leaf("TimeToLive", 777).build());
        assertEquals(200, client.request(v, sid, Element.empty("Logout-Request")).code());

        Reply r = recoverInband(v, sid, "alice", "secret", clientUrl);
        assertEquals(200, r.code(), r.text());
        assertEquals(sid, r.primitive().childText("SessionID"), "the same Session-ID");
        assertEquals(sid, r.message().sessionId(), "the request's Session-ID is echoed");
        assertEquals("777", r.primitive().childText("KeepAliveTime"), "the context's KeepAliveTime");
        assertEquals("F", r.primitive().childText("CapabilityRequest"), "negotiations are bypassed");
        assertEquals("GetSPInfo-Response", client.request(v, sid, Element.empty("GetSPInfo-Request")).primitive().name(),
                "negotiated services are back without a new Service-Request");
    }

    @Test
    void recoveryWithTheSessionIdInsideTheLoginRequest() {
        String clientUrl = unique("child");
        String sid = client.login(CspVersion.V1_3, "alice", "secret", clientUrl);
        client.request(CspVersion.V1_3, sid, Element.empty("Logout-Request"));
        Element login = Element.builder("Login-Request").leaf("UserID", "alice").add(CspClient.clientId(clientUrl))
                .leaf("Password", "secret").leaf("SessionCookie", "k").leaf("SessionID", sid).build();
        Reply r = client.request(CspVersion.V1_3, null, login);
        assertEquals(200, r.code());
        assertEquals(sid, r.primitive().childText("SessionID"));
    }

    @Test
    void recoveryAfterExpiryDropsTheStaleDisconnectAndKeepsTheQueue() throws InterruptedException {
        String clientUrl = unique("exp");
        Reply login = client.request(CspVersion.V1_2, null, CspClient.login2way("alice", "secret", clientUrl, 1));
        String sid = login.primitive().childText("SessionID");
        SessionAccess.deliver(node, sid, notice("kept"));
        Thread.sleep(2500);
        assertEquals(604, client.request(CspVersion.V1_2, sid, Element.empty("KeepAlive-Request")).code(), "expired");
        Reply r = recoverInband(CspVersion.V1_2, sid, "alice", "secret", clientUrl);
        assertEquals(200, r.code());
        assertNotEquals(Boolean.TRUE, r.message().poll(),
                "no Poll=T on a Login-Response (docs/conformance.md, Interop decisions)");
        Reply next = client.request(CspVersion.V1_2, sid, Element.empty("KeepAlive-Request"));
        assertEquals(200, next.code());
        assertEquals(Boolean.TRUE, next.message().poll(), "the next reply says something waits");
        Reply delivered = poll(CspVersion.V1_2, sid);
        assertEquals("NewMessage", delivered.primitive().name(), "queued before expiry, delivered after recovery");
        client.respond(CspVersion.V1_2, sid, delivered.transaction().transactionId(), Element.empty("MessageDelivered"));
        assertEquals(0, poll(CspVersion.V1_2, sid).body().length, "the Disconnect 600 of the expiry is not delivered");
    }

    @Test
    void liveSessionIsRecoveredFromANewConnection() {
        String clientUrl = unique("live");
        String sid = client.login(CspVersion.V1_2, "bob", "secret", clientUrl);
        Reply r = recoverInband(CspVersion.V1_2, sid, "bob", "secret", clientUrl);
        assertEquals(200, r.code());
        assertEquals(sid, r.primitive().childText("SessionID"));
        assertEquals(200, client.request(CspVersion.V1_2, sid, Element.empty("KeepAlive-Request")).code());
    }

    @Test
    void anotherClientIdIsAllowedAndForcesCapabilityNegotiation() {
        String oldClient = unique("old");
        String sid = client.login(CspVersion.V1_3, "carol", "secret", oldClient);
        client.request(CspVersion.V1_3, sid, Element.of("ClientCapability-Request", Element.empty("CapabilityList")));
        client.request(CspVersion.V1_3, sid, Element.empty("Logout-Request"));
        Reply r = recoverInband(CspVersion.V1_3, sid, "carol", "secret", unique("new"));
        assertEquals(200, r.code());
        assertEquals("T", r.primitive().childText("CapabilityRequest"),
                "OMA-TS-IMPS_CSP_Transport §6: a new Client-ID forces capability negotiation");
        assertEquals(200, client.request(CspVersion.V1_3, null, CspClient.login2way("carol", "secret", oldClient, null)).code(),
                "the old Client-ID is free again");
    }

    @Test
    void aSessionOfAnotherUserIs422AndNobodyIsLoggedIn() {
        String sid = client.login(CspVersion.V1_3, "alice", "secret", unique("a"));
        Reply r = recoverInband(CspVersion.V1_3, sid, "bob", "secret", unique("b"));
        assertEquals(422, r.code());
        assertNull(r.primitive().childText("SessionID"));
        assertEquals(200, client.request(CspVersion.V1_3, sid, Element.empty("KeepAlive-Request")).code(),
                "alice's session is untouched");
    }

    @ParameterizedTest
    @EnumSource(CspVersion.class)
    void unknownSessionIs502(CspVersion v) {
        Reply r = recoverInband(v, "never-issued", "alice", "secret", unique("u"));
        assertEquals("Login-Response", r.primitive().name());
        assertEquals(502, r.code());
        assertNull(r.primitive().childText("SessionID"), "the user is not logged in");
    }

    @Test
    void wrongCredentialsAre409And531AsForAnyLogin() {
        String sid = client.login(CspVersion.V1_2, "alice", "secret", unique("cred"));
        assertEquals(409, recoverInband(CspVersion.V1_2, sid, "alice", "wrong", unique("w")).code());
        assertEquals(531, recoverInband(CspVersion.V1_2, sid, "nobody", "x", unique("n")).code());
    }

    @Test
    void piggyBackedNegotiationInARecoveryLoginIsRefusedWith502() {
        String clientUrl = unique("pig");
        String sid = client.login(CspVersion.V1_3, "alice", "secret", clientUrl);
        Element login = Element.builder("Login-Request").leaf("UserID", "alice").add(CspClient.clientId(clientUrl))
                .leaf("Password", "secret").leaf("SessionCookie", "k")
                .add(Element.of("CapabilityList", Element.leaf("SupportedBearer", "HTTP"))).build();
        Reply r = client.send(new CspMessage(CspVersion.V1_3, SessionType.INBAND, sid,
                List.of(new Transaction(TransactionMode.REQUEST, "1", login)), null, null));
        assertEquals(502, r.code());
    }

    @Test
    void aServiceNoLongerOfferedIs606() {
        String clientUrl = unique("606");
        String sid = client.login(CspVersion.V1_2, "alice", "secret", clientUrl);
        SessionAccess.change(node, sid, s -> s.agreedFunctions(Set.of("GETSPI", "SRCH")));
        Reply r = recoverInband(CspVersion.V1_2, sid, "alice", "secret", clientUrl);
        assertEquals(606, r.code(), "SRCH was agreed but is not offered by this gateway");
    }

    @Test
    void fourWayRecovery() {
        String clientUrl = unique("4w");
        String sid = client.login(CspVersion.V1_2, "bob", "secret", clientUrl);
        client.request(CspVersion.V1_2, sid, Element.empty("Logout-Request"));
        Element round1 = Element.builder("Login-Request").leaf("UserID", "bob").add(CspClient.clientId(clientUrl))
                .leaf("DigestSchema", "SHA").leaf("SessionCookie", "k4").build();
        Reply challenge = client.send(new CspMessage(CspVersion.V1_2, SessionType.INBAND, sid,
                List.of(new Transaction(TransactionMode.REQUEST, "9", round1)), null, null));
        assertEquals(401, challenge.code());
        Element round2 = Element.builder("Login-Request").leaf("UserID", "bob").add(CspClient.clientId(clientUrl))
                .leaf("DigestBytes", PasswordDigest.digest("SHA", challenge.primitive().childText("Nonce"), "secret"))
                .leaf("SessionCookie", "k4").build();
        Reply r = client.send(new CspMessage(CspVersion.V1_2, SessionType.INBAND, sid,
                List.of(new Transaction(TransactionMode.REQUEST, "9", round2)), null, null));
        assertEquals(200, r.code());
        assertEquals(sid, r.primitive().childText("SessionID"));
    }

    @Test
    void recoverLogoutAndLoginAgainGivesAFreshContext() {
        String clientUrl = unique("fresh");
        String sid = client.login(CspVersion.V1_3, "alice", "secret", clientUrl);
        client.request(CspVersion.V1_3, sid, CspClient.serviceRequest());
        client.request(CspVersion.V1_3, sid, Element.empty("Logout-Request"));
        assertEquals(200, recoverInband(CspVersion.V1_3, sid, "alice", "secret", clientUrl).code());
        client.request(CspVersion.V1_3, sid, Element.empty("Logout-Request"));
        String fresh = client.login(CspVersion.V1_3, "alice", "secret", clientUrl);
        assertNotEquals(sid, fresh);
        assertEquals(506, client.request(CspVersion.V1_3, fresh, Element.empty("GetSPInfo-Request")).code(),
                "a new login starts with an empty context (OMA-TS-IMPS_CSP-V1_3 §7.1.1)");
    }

    @Test
    void everyPartOfTheContextSurvivesRecovery() {
        String clientUrl = unique("ctx");
        String sid = client.login(CspVersion.V1_3, "alice", "secret", clientUrl);
        client.request(CspVersion.V1_3, sid, CspClient.serviceRequest());
        client.request(CspVersion.V1_3, sid, Element.of("ClientCapability-Request", Element.of("CapabilityList",
                Element.leaf("SupportedCIRMethod", "SHTTP"), Element.leaf("ServerPollMin", "90"))));
        String group = "alice/ctx" + System.nanoTime();
        client.request(CspVersion.V1_3, sid, Element.builder("CreateGroup-Request").leaf("GroupID", "wv:" + group)
                .add(Element.of("GroupProperties", Element.builder("Property").leaf("Name", "Name").leaf("Value", "g").build()))
                .leaf("JoinGroup", "T").leaf("SubscribeNotification", "F").build());
        client.request(CspVersion.V1_3, sid, Element.of("SubscribePresence-Request", Element.of("User", Element.leaf("UserID", "wv:bob"))));
        assertEquals(200, client.request(CspVersion.V1_3, sid, Element.of("SubscribeNotification-Request",
                Element.of("NotificationTypeList", Element.leaf("NotificationType", "GM"),
                        Element.leaf("NotificationType", "PR")))).code());
        client.request(CspVersion.V1_3, sid, Element.empty("Logout-Request"));
        assertEquals(200, recoverInband(CspVersion.V1_3, sid, "alice", "secret", clientUrl).code());
        SessionAccess.change(node, sid, s -> {
            assertEquals(Set.of("bob"), s.presenceSubscriptions());
            assertEquals(Set.of("GM", "PR"), s.notificationSubscriptions());
            assertEquals(Set.of(group), s.joinedGroups(), "left at logout, re-joined on recovery");
            assertEquals(List.of("SHTTP"), s.capabilities().cirMethods());
            assertEquals(90, s.capabilities().serverPollMin());
            assertTrue(s.agreedFunctions().contains("GETSPI"));
            assertEquals(CspVersion.V1_3, s.version());
        });
    }

    @Test
    void queuedPrimitivesSurviveABearerSwitchAndAreNeverDeliveredTwice() {
        String clientUrl = unique("q");
        String sid = client.login(CspVersion.V1_2, "bob", "secret", clientUrl);
        SessionAccess.deliver(node, sid, notice("first"));
        SessionAccess.deliver(node, sid, notice("second"));
        Reply one = poll(CspVersion.V1_2, sid);
        assertEquals("first", one.primitive().childText("ContentData"));
        // The bearer drops before the client answers; it comes back on a new connection and recovers.
        assertEquals(200, recoverInband(CspVersion.V1_2, sid, "bob", "secret", clientUrl).code());
        Reply again = poll(CspVersion.V1_2, sid);
        assertEquals(one.transaction(), again.transaction(), "the unanswered transaction again, not a second copy");
        assertEquals(0, client.respond(CspVersion.V1_2, sid, again.transaction().transactionId(),
                Element.empty("MessageDelivered")).body().length, "the answer gets an empty 200");
        Reply two = poll(CspVersion.V1_2, sid);
        assertEquals("second", two.primitive().childText("ContentData"));
        assertNotEquals(one.transaction().transactionId(), two.transaction().transactionId());
        Reply none = client.respond(CspVersion.V1_2, sid, two.transaction().transactionId(), Element.empty("MessageDelivered"));
        assertEquals(0, none.body().length);
        assertEquals(0, poll(CspVersion.V1_2, sid).body().length, "each delivered exactly once");
    }
}
