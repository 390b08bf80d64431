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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node's loss loses nothing (docs/cluster.md, "Failover"): the owner of a session dies abruptly; the next
 * request through a survivor takes the session over from its replica, with the same Session-ID,
 * context and queue — nothing lost, nothing delivered twice.
 */
class FailoverTest {
    private static final List<TestNode> nodes = new ArrayList<>();
    private static final CspVersion V = CspVersion.V1_2;

    @BeforeAll
    static void start() {
        nodes.addAll(TestNode.cluster(3, "f", Map.of()));
    }

    @AfterAll
    static void stop() throws Exception {
        for (int i = 0; i < nodes.size(); i++) {
            if (i != 1) {
                nodes.get(i).close();
            }
        }
    }

    @Test
    void sessionsOfAKilledOwnerContinueOnTheSurvivorsWithNothingLost() throws Exception {
        CspClient n0 = nodes.get(0).client();
        CspClient n1 = nodes.get(1).client();
        CspClient n2 = nodes.get(2).client();
        String bob = n1.login(V, "bob", "secret", "fo-bob");
        n1.request(V, bob, CspClient.serviceRequest());
        n1.request(V, bob, Element.builder("KeepAlive-Request").leaf("TimeToLive", 901).build());
        n1.request(V, bob, Element.of("SubscribePresence-Request", Element.of("User", Element.leaf("UserID", "wv:alice"))));
        n1.drain(V, bob);

        String alice = n0.login(V, "alice", "secret", "fo-alice");
        n0.request(V, alice, CspClient.serviceRequest());
        Element send = Element.builder("SendMessage-Request").leaf("DeliveryReport", "F")
                .add(Element.builder("MessageInfo").leaf("ContentType", "text/plain").leaf("ContentSize", 6)
                        .add(Element.of("Recipient", Element.of("User", Element.leaf("UserID", "wv:bob")))).build())
                .leaf("ContentData", "queued").build();
        assertEquals(200, n0.request(V, alice, send).code());

        nodes.get(1).crash();

        Reply ka = n2.request(V, bob, Element.empty("KeepAlive-Request"));
        assertEquals(200, ka.code(), "same Session-ID, no re-login: " + ka.text());
        assertEquals("901", ka.primitive().childText("KeepAliveTime"), "the context survived");
        assertEquals(Boolean.TRUE, ka.message().poll(), "the queued message survived");
        List<Element> got = n0.drain(V, bob);
        assertEquals(1, got.size(), got.toString());
        assertEquals("queued", got.get(0).childText("ContentData"));
        assertTrue(n2.drain(V, bob).isEmpty(), "delivered exactly once");

        n0.request(V, alice, Element.of("UpdatePresence-Request", Element.of("PresenceSubList",
                Element.of("StatusText", Element.leaf("Qualifier", "T"), Element.leaf("PresenceValue", "still here")))));
        List<Element> notes = n2.drain(V, bob);
        assertTrue(notes.stream().anyMatch(p -> p.name().equals("PresenceNotification-Request")),
                "subscriptions still deliver after the takeover: " + notes);
        assertEquals("GetSPInfo-Response", n0.request(V, bob, Element.empty("GetSPInfo-Request")).primitive().name(),
                "negotiated services survived");
    }
}
