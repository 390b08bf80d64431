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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Server-initiated disconnection (OMA-TS-IMPS_CSP-V1_3 §6.6): expiry queues a Disconnect with 600, an operator's
 * forced logout one with 601; both are delivered through the session's queue (Poll flag, Polling),
 * 1.3 without a Transaction-ID, and the session then answers 604.
 */
class DisconnectTest {
    private static TestNode node;
    private static CspClient client;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

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

    private static Reply poll(CspVersion v, String sid) {
        return client.send(new CspMessage(v, SessionType.INBAND, sid,
                List.of(new Transaction(TransactionMode.REQUEST, null, Element.empty("Polling-Request"))), null, null));
    }

    @ParameterizedTest
    @EnumSource(CspVersion.class)
    void expiredSessionDeliversDisconnect600ThenAnswers604(CspVersion v) throws InterruptedException {
        Reply login = client.request(v, null, CspClient.login2way("alice", "secret", "exp-" + v, 1));
        String sid = login.primitive().childText("SessionID");
        assertEquals("1", login.primitive().childText("KeepAliveTime"));
        Thread.sleep(2500);
        Reply keepAlive = client.request(v, sid, Element.empty("KeepAlive-Request"));
        assertEquals(604, keepAlive.code(), "an expired session is gone");
        assertEquals(Boolean.TRUE, keepAlive.message().poll(), "the pending Disconnect raises the Poll flag");
        Reply disconnect = poll(v, sid);
        assertEquals("Disconnect", disconnect.primitive().name());
        assertEquals(600, disconnect.code());
        assertEquals(sid, disconnect.message().sessionId(), "the Disconnect names the session");
        assertNotNull(disconnect.primitive().child("Result").childText("Description"), "with a descriptive text");
        assertEquals(TransactionMode.REQUEST, disconnect.transaction().mode());
        if (v == CspVersion.V1_3) {
            assertNull(disconnect.transaction().transactionId(), "CSP 1.3 Disconnect carries no TransactionID");
        } else {
            assertNotNull(disconnect.transaction().transactionId());
        }
        assertEquals(0, poll(v, sid).body().length, "delivered once");
    }

    @Test
    void activityKeepsTheSessionAlive() throws InterruptedException {
        Reply login = client.request(CspVersion.V1_2, null, CspClient.login2way("alice", "secret", "alive", 2));
        String sid = login.primitive().childText("SessionID");
        for (int i = 0; i < 4; i++) {
            Thread.sleep(800);
            assertEquals(200, client.request(CspVersion.V1_2, sid, Element.empty("KeepAlive-Request")).code());
        }
    }

    @Test
    void forcedLogoutQueuesDisconnect601() throws Exception {
        String sid = client.login(CspVersion.V1_2, "bob", "secret", "forced");
        HttpResponse<String> admin = HTTP.send(TestNode.mgmtRequest(
                node.mgmtUrl() + "/admin/sessions/" + sid + "/disconnect")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, admin.statusCode(), admin.body());
        Reply r = poll(CspVersion.V1_2, sid);
        assertEquals("Disconnect", r.primitive().name());
        assertEquals(601, r.code());
        assertEquals(604, client.request(CspVersion.V1_2, sid, Element.empty("KeepAlive-Request")).code());
        HttpResponse<String> again = HTTP.send(TestNode.mgmtRequest(
                node.mgmtUrl() + "/admin/sessions/" + sid + "/disconnect")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(409, again.statusCode());
        HttpResponse<String> unknown = HTTP.send(TestNode.mgmtRequest(
                node.mgmtUrl() + "/admin/sessions/nope/disconnect")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("nope"));
    }

    @Test
    void aClientIdIsFreeAgainOnceItsSessionExpired() throws InterruptedException {
        client.request(CspVersion.V1_3, null, CspClient.login2way("carol", "secret", "reuse", 1));
        Thread.sleep(2500);
        assertEquals(200, client.request(CspVersion.V1_3, null, CspClient.login2way("carol", "secret", "reuse", 1)).code());
    }
}
