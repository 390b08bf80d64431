package imps.app;

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
 * The expiry and retention pass when a host holds more sessions than it looks at per tick
 * ({@code session.sweepSessionsPerTick}, here 2): the pass goes on over the following ticks and still
 * reaches every session, and the bound on kept ended sessions holds at its end.
 */
class SweepAcrossTicksTest {
    private static TestNode node;
    private static CspClient client;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("IMPS_SESSION_KEEP_ALIVE_MIN_SECONDS", "1",
                "IMPS_SESSION_EXPIRY_GRACE_SECONDS", "0", "IMPS_SESSION_SWEEP_INTERVAL_MILLIS", "100",
                "IMPS_SESSION_SWEEP_SESSIONS_PER_TICK", "2", "IMPS_SESSION_MAX_RETAINED_SESSIONS", "3",
                "IMPS_SESSION_RETENTION", "infinite", "IMPS_HTTP_INSTANCES", "1",
                "IMPS_SESSION_MAX_SESSIONS_PER_USER", "100"));
        client = node.client();
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    @Test
    void everySessionOfAPassLongerThanATickExpires() throws InterruptedException {
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            sessions.add(client.request(CspVersion.V1_2, null, CspClient.login2way("alice", "secret", "sweep-" + i, 1))
                    .primitive().childText("SessionID"));
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (sessions.stream().anyMatch(this::live) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        for (String sid : sessions) {
            assertTrue(!live(sid), "session " + sid + " expired although the pass needed five ticks to reach all nine");
            assertEquals(604, client.request(CspVersion.V1_2, sid, Element.empty("KeepAlive-Request")).code());
        }
    }

    @Test
    void keptEndedSessionsAreBoundedAtTheEndOfAPassOverSeveralTicks() throws InterruptedException {
        for (int i = 0; i < 8; i++) {
            String sid = client.login(CspVersion.V1_3, "bob", "secret", "kept-" + i);
            client.request(CspVersion.V1_3, sid, Element.empty("Logout-Request"));
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (ended() > 3 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(3, ended(), "maxRetainedSessions ended contexts kept, the newest: retention is infinite");
    }

    private boolean live(String sid) {
        var actor = node.node().core().localSessions().get(sid);
        return actor != null && actor.session().isActive();
    }

    private long ended() {
        return node.node().core().localSessions().all().stream().filter(a -> !a.session().isActive()).count();
    }
}
