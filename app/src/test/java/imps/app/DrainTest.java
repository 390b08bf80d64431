package imps.app;

import imps.app.CspClient.Reply;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.SessionType;
import imps.protocol.Transaction;
import imps.protocol.TransactionMode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Graceful drain (POST /admin/drain, and SIGTERM): the node stops being ready and hands its
 * sessions to the others live; after it is gone the sessions go on through the survivor with the
 * same Session-ID, context and queue.
 */
class DrainTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final List<TestNode> nodes = new ArrayList<>();
    private static final CspVersion V = CspVersion.V1_3;

    @BeforeAll
    static void start() {
        nodes.addAll(TestNode.cluster(2, "d", Map.of("IMPS_SESSION_MAX_SESSIONS_PER_USER", "100")));
    }

    @AfterAll
    static void stop() throws Exception {
        nodes.get(0).close();
    }

    @Test
    void drainedSessionsGoOnThroughTheOtherNode() throws Exception {
        CspClient draining = nodes.get(1).client();
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String sid = draining.login(V, i % 2 == 0 ? "alice" : "bob", "secret", "drain-" + i);
            draining.request(V, sid, CspClient.serviceRequest());
            draining.request(V, sid, Element.builder("KeepAlive-Request").leaf("TimeToLive", 700 + i).build());
            sessions.add(sid);
        }
        SessionAccess.deliver(nodes.get(1), sessions.get(3), Element.of("NewMessage",
                Element.of("MessageInfo", Element.leaf("MessageID", "m-drain")), Element.leaf("ContentData", "kept across drain")));

        HttpResponse<String> drained = HTTP.send(TestNode.mgmtRequest(nodes.get(1).mgmtUrl() + "/admin/drain")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, drained.statusCode());
        assertEquals(20, new JsonObject(drained.body()).getInteger("sessionsMoved"));
        HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create(nodes.get(1).mgmtUrl() + "/health/ready"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(503, ready.statusCode(), "a draining node is not ready");
        assertEquals(0, nodes.get(1).node().core().localSessions().size());
        nodes.get(1).close();

        CspClient survivor = nodes.get(0).client();
        for (int i = 0; i < sessions.size(); i++) {
            Reply r = survivor.request(V, sessions.get(i), Element.empty("KeepAlive-Request"));
            assertEquals(200, r.code(), r.text());
            assertEquals(String.valueOf(700 + i), r.primitive().childText("KeepAliveTime"));
        }
        Reply poll = survivor.send(new CspMessage(V, SessionType.INBAND, sessions.get(3),
                List.of(new Transaction(TransactionMode.REQUEST, null, Element.empty("Polling-Request"))), null, null));
        assertEquals("kept across drain", poll.primitive().childText("ContentData"));
        assertNotNull(nodes.get(0).node().core().localSessions().get(sessions.get(3)));
        assertTrue(survivor.request(V, sessions.get(0), Element.empty("GetSPInfo-Request")).primitive().name()
                .equals("GetSPInfo-Response"), "negotiated services moved too");
    }
}
