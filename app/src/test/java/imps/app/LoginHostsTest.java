package imps.app;

import imps.protocol.CspVersion;
import imps.protocol.Element;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Logins reach the node's session hosts by a direct call, in turn: on a node with two hosts the new
 * sessions are spread over both, each lives on the host that created it (its actor runs on that
 * host's context), and each goes on answering there.
 */
class LoginHostsTest {
    private static TestNode node;
    private static CspClient client;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("IMPS_HTTP_INSTANCES", "2", "IMPS_SESSION_MAX_SESSIONS_PER_USER", "100"));
        client = node.client();
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    @Test
    void newSessionsAreSpreadOverTheHostsInTurn() {
        Map<Context, Integer> sessionsPerHost = new HashMap<>();
        for (int i = 0; i < 8; i++) {
            String sid = client.login(CspVersion.V1_2, "alice", "secret", "hosts-" + i);
            Context[] host = new Context[1];
            SessionAccess.change(node, sid, s -> host[0] = Vertx.currentContext());
            sessionsPerHost.merge(host[0], 1, Integer::sum);
            assertEquals(200, client.request(CspVersion.V1_2, sid, Element.empty("KeepAlive-Request")).code());
        }
        assertEquals(List.of(4, 4), sessionsPerHost.values().stream().toList(),
                "sessions per host (its context), taken in turn by two hosts: " + sessionsPerHost);
    }
}
