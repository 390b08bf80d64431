package imps.app;

import imps.app.CspClient.Reply;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.SessionType;
import imps.protocol.Transaction;
import imps.protocol.TransactionMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * After a node crashes, the survivors take its sessions over at once, not on their next request
 * (docs/cluster.md, "Failover"): a session whose client never comes back expires on
 * its new owner and frees its Client-ID, and one whose client comes back finds it ready.
 */
class CrashAdoptionTest {
    private static final CspVersion V = CspVersion.V1_2;
    private final List<TestNode> nodes = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = 0; i < nodes.size(); i++) {
            if (i != 1) {
                nodes.get(i).close();
            }
        }
    }

    @Test
    void theSurvivorsAdoptACrashedNodesSessionsWithoutWaitingForTheirClients() throws Exception {
        int firstPort = TestNode.freePort();
        String clusterName = TestNode.uniqueClusterName();
        for (int i = 0; i < 3; i++) {
            Map<String, String> env = new HashMap<>(Map.of("IMPS_SESSION_KEEP_ALIVE_MIN_SECONDS", "1",
                    "IMPS_SESSION_EXPIRY_GRACE_SECONDS", "0", "IMPS_SESSION_SWEEP_INTERVAL_MILLIS", "100"));
            env.put("IMPS_CLUSTER_PORT", Integer.toString(i == 0 ? firstPort : TestNode.freePort()));
            env.put("IMPS_CLUSTER_NAME", clusterName);
            env.put("IMPS_CLUSTER_MEMBERS", "127.0.0.1:" + firstPort);
            env.put("IMPS_NODE_ID", "ca" + i);
            nodes.add(TestNode.start(env));
        }
        CspClient doomed = nodes.get(1).client();
        // alice's client goes away with the node (KeepAliveTime 3 s); bob's comes back later.
        Reply aliceLogin = doomed.request(V, null, CspClient.login2way("alice", "secret", "ca-alice", 3));
        String alice = aliceLogin.primitive().childText("SessionID");
        assertEquals("3", aliceLogin.primitive().childText("KeepAliveTime"));
        Reply bobLogin = doomed.request(V, null, CspClient.login2way("bob", "secret", "ca-bob", 600));
        String bob = bobLogin.primitive().childText("SessionID");

        nodes.get(1).crash();

        awaitHeldBySurvivors(List.of(alice, bob));
        CspClient survivor = nodes.get(2).client();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int code;
        do {
            Thread.sleep(200);
            code = survivor.request(V, null, CspClient.login2way("alice", "secret", "ca-alice", null)).code();
        } while (code == 608 && System.nanoTime() < deadline);
        assertEquals(200, code, "alice's old session expired on its new owner and freed the Client-ID");
        Reply disconnect = survivor.send(new CspMessage(V, SessionType.INBAND, alice,
                List.of(new Transaction(TransactionMode.REQUEST, null, Element.empty("Polling-Request"))), null, null));
        assertEquals("Disconnect", disconnect.primitive().name(), disconnect.text());
        assertEquals(600, disconnect.code());

        Reply back = nodes.get(0).client().request(V, bob, Element.empty("KeepAlive-Request"));
        assertEquals(200, back.code(), "bob's client comes back to the same session: " + back.text());
    }

    /** Both sessions are held by a survivor before anyone asked for them. */
    private void awaitHeldBySurvivors(List<String> sessionIds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (String sid : sessionIds) {
            while (nodes.get(0).node().core().localSessions().get(sid) == null
                    && nodes.get(2).node().core().localSessions().get(sid) == null) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(sid + " was not taken over within 60 s");
                }
                Thread.sleep(50);
            }
        }
    }
}
