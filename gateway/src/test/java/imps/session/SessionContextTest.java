package imps.session;

import imps.protocol.CspVersion;
import imps.protocol.Element;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The session's two times share one field: activity while active, the end once ended. */
class SessionContextTest {
    private static final Element CLIENT_ID = Element.of("ClientID", Element.leaf("URL", "u"));

    @Test
    void anEndedSessionKeepsItsEndAndARecoveryBringsActivityBack() {
        SessionContext s = new SessionContext("S-1", "wv:bob@example.net", CLIENT_ID, CspVersion.V1_2, "XML", null, 60,
                ClientCapabilities.defaults(30), 100);
        s.touch(200);
        assertEquals(200, s.lastActivityNanos());
        assertEquals(0, s.endedAtNanos(), "an active session has not ended");

        s.end(300);
        s.touch(400);
        assertEquals(300, s.endedAtNanos(), "touching an ended session does not move its end");

        SessionContext restored = SessionContext.restore(s.snapshot(500, 10_000), 1_000, 20_000);
        assertEquals(1_000 - 10_000L * 1_000_000, restored.endedAtNanos(),
                "ended 10 s (of wall clock) before the restore, in the restoring node's monotonic time");

        s.recover(CLIENT_ID, "c2", "XML", 600);
        assertEquals(0, s.endedAtNanos());
        assertEquals(600, s.lastActivityNanos());
        s.touch(700);
        assertEquals(700, s.lastActivityNanos());
    }
}
