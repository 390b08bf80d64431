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

/**
 * Session limits (OMA-TS-IMPS_CSP-V1_3 §5.1.3 and §7.1): 610 per user, 609 for the whole service, announced
 * in negotiation.
 */
class SessionLimitsTest {
    private static TestNode node;
    private static CspClient client;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("IMPS_SESSION_MAX_SESSIONS_PER_USER", "2", "IMPS_SESSION_MAX_SESSIONS", "3"));
        client = node.client();
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    @Test
    void perUserLimitIs610SapLimitIs609AndSlotsAreFreedByLogout() {
        List<String> alice = new ArrayList<>();
        alice.add(client.login(CspVersion.V1_3, "alice", "secret", "a1"));
        alice.add(client.login(CspVersion.V1_3, "alice", "secret", "a2"));
        Reply third = client.request(CspVersion.V1_3, null, CspClient.login2way("alice", "secret", "a3", null));
        assertEquals(610, third.code());

        String bob = client.login(CspVersion.V1_3, "bob", "secret", "b1");
        Reply full = client.request(CspVersion.V1_3, null, CspClient.login2way("carol", "secret", "c1", null));
        assertEquals(609, full.code(), "three sessions are the whole service's limit");

        assertEquals(200, client.request(CspVersion.V1_3, bob, Element.empty("Logout-Request")).code());
        String carol = client.login(CspVersion.V1_3, "carol", "secret", "c1");
        assertEquals(200, client.request(CspVersion.V1_3, alice.get(0), Element.empty("Logout-Request")).code());
        Reply again = client.request(CspVersion.V1_3, null, CspClient.login2way("alice", "secret", "a3", null));
        assertEquals(200, again.code(), "a logged-out session frees its slot");
        for (String sid : List.of(alice.get(1), carol, again.primitive().childText("SessionID"))) {
            assertEquals(200, client.request(CspVersion.V1_3, sid, Element.empty("Logout-Request")).code());
        }
    }

    @Test
    void userSessionLimitIsAnnouncedInCapabilityNegotiationOf13() {
        String sid = client.login(CspVersion.V1_3, "bob", "secret", "cap");
        Reply caps = client.request(CspVersion.V1_3, sid, Element.of("ClientCapability-Request",
                Element.of("CapabilityList", Element.leaf("ClientType", "MOBILE_PHONE"))));
        assertEquals("2", caps.primitive().child("AgreedCapabilityList").childText("UserSessionLimit"));
        client.request(CspVersion.V1_3, sid, Element.empty("Logout-Request"));
    }
}
