package imps.app;

import imps.app.CspClient.Reply;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A recipient that stays logged in while its queue is full: every message its sender was told 200
 * for reaches it, and every other one was refused with 507 (Message queue full) and never shows up
 * later. Nothing acknowledged is lost, whatever the queue limit.
 */
class QueueLimitTest {
    private static final CspVersion V = CspVersion.V1_2;
    private static TestNode node;
    private static CspClient client;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("IMPS_SESSION_MAX_QUEUED_PRIMITIVES", "2"));
        client = node.client();
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    private static String session(String user, String clientUrl) {
        String sid = client.login(V, user, "secret", clientUrl);
        assertEquals("Service-Response", client.request(V, sid, CspClient.serviceRequest()).primitive().name());
        return sid;
    }

    private static Reply send(String from, String to, String text) {
        return client.request(V, from, Element.builder("SendMessage-Request").leaf("DeliveryReport", "F")
                .add(Element.builder("MessageInfo").leaf("ContentType", "text/plain").leaf("ContentSize", text.length())
                        .add(Element.of("Recipient", Element.of("User", Element.leaf("UserID", to)))).build())
                .leaf("ContentData", text).build());
    }

    @Test
    void aFullQueueRefusesWith507AndEveryAcknowledgedMessageArrives() {
        String alice = session("alice", "full-sender");
        String bob = session("bob", "full-receiver");
        List<String> acknowledged = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            Reply r = send(alice, "wv:bob", "m" + i);
            if (r.code() == 200) {
                acknowledged.add("m" + i);
            } else {
                assertEquals(507, r.code(), r.text());
                refused.add("m" + i);
            }
        }
        assertEquals(List.of("m1", "m2"), acknowledged, "two fit in the queue");
        assertEquals(List.of("m3", "m4", "m5"), refused);

        List<String> received = texts(client.drain(V, bob));
        assertEquals(acknowledged, received, "every acknowledged message, and nothing refused");

        assertEquals(200, send(alice, "wv:bob", "m6").code(), "room again");
        assertEquals(List.of("m6"), texts(client.drain(V, bob)));
        // A new service negotiation pushes whatever was kept for bob: the refused messages were not.
        assertEquals("Service-Response", client.request(V, bob, CspClient.serviceRequest()).primitive().name());
        assertTrue(client.drain(V, bob).isEmpty(), "no refused message comes later either");
        client.request(V, alice, Element.empty("Logout-Request"));
        client.request(V, bob, Element.empty("Logout-Request"));
    }

    private static List<String> texts(List<Element> primitives) {
        return primitives.stream().map(p -> p.childText("ContentData")).toList();
    }
}
