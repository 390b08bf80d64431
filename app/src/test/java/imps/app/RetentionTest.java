package imps.app;

import imps.protocol.CspVersion;
import imps.protocol.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Ended contexts are kept for the retention period (OMA-TS-IMPS_CSP-V1_3 §5.3) and then dropped, and their
 * number is bounded.
 */
class RetentionTest {
    private static TestNode node;
    private static CspClient client;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("IMPS_SESSION_RETENTION", "1", "IMPS_SESSION_SWEEP_INTERVAL_MILLIS", "100",
                "IMPS_SESSION_MAX_RETAINED_SESSIONS", "4", "IMPS_HTTP_INSTANCES", "1",
                "IMPS_SESSION_MAX_SESSIONS_PER_USER", "50"));
        client = node.client();
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    @Test
    void endedContextIsKeptForTheRetentionPeriodThenDropped() throws InterruptedException {
        String sid = client.login(CspVersion.V1_2, "alice", "secret", "ret");
        client.request(CspVersion.V1_2, sid, Element.empty("Logout-Request"));
        assertNotNull(node.node().core().localSessions().get(sid), "retained right after logout");
        Thread.sleep(2500);
        assertNull(node.node().core().localSessions().get(sid), "dropped after one second of retention");
        assertEquals(604, client.request(CspVersion.V1_2, sid, Element.empty("KeepAlive-Request")).code());
    }

    @Test
    void retainedContextsAreBounded() throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            String sid = client.login(CspVersion.V1_3, "bob", "secret", "bound-" + i);
            client.request(CspVersion.V1_3, sid, Element.empty("Logout-Request"));
        }
        Thread.sleep(400);
        long retained = node.node().core().localSessions().all().stream().filter(a -> !a.session().isActive()).count();
        org.junit.jupiter.api.Assertions.assertTrue(retained <= 4, "at most maxRetainedSessions ended contexts: " + retained);
    }
}
