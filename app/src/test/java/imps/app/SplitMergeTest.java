package imps.app;

import imps.app.CspClient.Reply;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.SessionType;
import imps.protocol.Transaction;
import imps.protocol.TransactionMode;
import imps.session.SessionActor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A three-node cluster is cut in two ({a, b} | {c}) while sessions are in use, then joined again
 * (docs/cluster.md, "Split brain"). After the merge every session has one owner, the directory names the
 * node that holds it, no user has two live sessions with one Client-ID, and what the bigger side
 * queued is delivered once.
 */
class SplitMergeTest {
    private static final CspVersion V = CspVersion.V1_2;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<TestNode> nodes = new ArrayList<>();

    private void startCluster(String prefix, Map<String, String> extra) {
        int firstPort = TestNode.freePort();
        String clusterName = TestNode.uniqueClusterName();
        for (int i = 0; i < 3; i++) {
            Map<String, String> env = new HashMap<>(extra);
            env.put("IMPS_CLUSTER_PORT", Integer.toString(i == 0 ? firstPort : TestNode.freePort()));
            env.put("IMPS_CLUSTER_NAME", clusterName);
            env.put("IMPS_CLUSTER_MEMBERS", "127.0.0.1:" + firstPort);
            env.put("IMPS_NODE_ID", prefix + i);
            nodes.add(TestNode.start(env));
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (TestNode node : nodes) {
            node.close();
        }
    }

    @Test
    void withAQuorumTheMinorityServesNothingAndTheMergeLosesNothing() throws Exception {
        startCluster("q", Map.of("IMPS_CLUSTER_MINIMUM_CLUSTER_SIZE", "2"));
        CspClient a = nodes.get(0).client();
        CspClient c = nodes.get(2).client();
        String bob = loggedIn(c, "bob", "sq-bob");
        String alice = loggedIn(a, "alice", "sq-alice");
        ClusterPartition.split(nodes.subList(0, 2), nodes.subList(2, 3));

        assertEquals(503, ready(nodes.get(2)), "the minority is not ready");
        assertEquals(200, ready(nodes.get(0)));
        assertEquals(503, c.request(V, bob, Element.empty("KeepAlive-Request")).code(),
                "the minority does not serve even the session it owned");
        assertEquals(503, c.request(V, null, CspClient.login2way("carol", "secret", "sq-carol", null)).code(),
                "nor admit anyone");
        assertEquals(200, a.request(V, bob, Element.empty("KeepAlive-Request")).code(),
                "the majority took the session over, same Session-ID");
        assertEquals(200, a.request(V, alice, message("bob", "during the split")).code());

        ClusterPartition.merge(nodes.subList(2, 3), nodes.get(0), nodes);
        eventually(() -> ready(nodes.get(2)) == 200, "the merged node is ready again");

        List<Element> got = c.drain(V, bob);
        assertEquals(1, got.size(), "queued on the majority, collected through the node that was cut off: " + got);
        assertEquals("during the split", got.get(0).childText("ContentData"));
        assertTrue(a.drain(V, bob).isEmpty(), "delivered once");
        assertEquals(608, c.request(V, null, CspClient.login2way("bob", "secret", "sq-bob", null)).code(),
                "the Client-ID is still taken");
        assertOneOwnerPerSession(2);
    }

    @Test
    void withoutAQuorumBothSidesServeAndTheMergeKeepsOneSessionPerClientId() throws Exception {
        startCluster("n", Map.of());
        CspClient a = nodes.get(0).client();
        CspClient b = nodes.get(1).client();
        CspClient c = nodes.get(2).client();
        String bob = loggedIn(c, "bob", "sn-bob");
        String alice = loggedIn(a, "alice", "sn-alice");
        ClusterPartition.split(nodes.subList(0, 2), nodes.subList(2, 3));

        // Without split-brain protection each side goes on alone, so each admits the same Client-ID once.
        String daveBig = a.login(V, "dave", "secret", "sn-dave");
        String daveSmall = c.login(V, "dave", "secret", "sn-dave");
        assertNotEquals(daveBig, daveSmall);
        String erin = c.login(V, "erin", "secret", "sn-erin");
        assertEquals(200, a.request(V, bob, Element.empty("KeepAlive-Request")).code(), "the bigger side takes bob over");
        assertEquals(200, a.request(V, alice, message("bob", "from the bigger side")).code());
        assertEquals(200, c.request(V, bob, Element.empty("KeepAlive-Request")).code(), "the smaller side still serves its copy");

        ClusterPartition.merge(nodes.subList(2, 3), nodes.get(0), nodes);
        eventually(() -> nodes.get(2).node().core().localSessions().get(bob) == null,
                "the smaller side drops its copy of a session the bigger side owns");
        eventually(() -> !live(nodes.get(2), daveSmall), "the later dave session is ended");
        eventually(() -> ready(nodes.get(2)) == 200, "the merged node is ready again once it has reconciled");

        Reply disconnect = poll(c, daveSmall);
        assertEquals("Disconnect", disconnect.primitive().name(), "the client is told: " + disconnect.text());
        assertEquals(601, disconnect.code());
        assertEquals(604, b.request(V, daveSmall, Element.empty("KeepAlive-Request")).code());
        assertEquals(200, c.request(V, daveBig, Element.empty("KeepAlive-Request")).code(), "the bigger side's dave lives on");
        assertEquals(608, c.request(V, null, CspClient.login2way("dave", "secret", "sn-dave", null)).code(),
                "one session holds the Client-ID");
        assertEquals(608, a.request(V, null, CspClient.login2way("dave", "secret", "sn-dave", null)).code());

        assertEquals(200, a.request(V, erin, Element.empty("KeepAlive-Request")).code(),
                "a session created on the smaller side is reachable from every node");
        assertEquals(608, b.request(V, null, CspClient.login2way("erin", "secret", "sn-erin", null)).code(),
                "and its Client-ID is registered cluster-wide");

        List<Element> got = c.drain(V, bob);
        assertEquals(1, got.size(), got.toString());
        assertEquals("from the bigger side", got.get(0).childText("ContentData"));
        assertTrue(b.drain(V, bob).isEmpty(), "delivered once");
        assertOneOwnerPerSession(5);
    }

    /** A session with its services negotiated, owned by the node {@code client} talks to. */
    private static String loggedIn(CspClient client, String user, String clientId) {
        String sid = client.login(V, user, "secret", clientId);
        assertEquals("Service-Response", client.request(V, sid, CspClient.serviceRequest()).primitive().name());
        return sid;
    }

    /** Every session a node holds is named as that node's in the directory, and no session is held twice. */
    private void assertOneOwnerPerSession(int sessions) throws Exception {
        Set<String> seen = new HashSet<>();
        for (TestNode node : nodes) {
            for (SessionActor actor : List.copyOf(node.node().core().localSessions().all())) {
                String sid = actor.session().sessionId();
                assertTrue(seen.add(sid), sid + " is held by two nodes");
                // The entry itself, not a node's near copy of it, which may learn of a move a little later.
                String owner = node.node().core().registries().directory().currentOwnerOf(sid)
                        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
                assertEquals(node.node().nodeId(), owner, "directory entry of " + sid);
            }
        }
        assertEquals(sessions, seen.size(), "sessions held: " + seen);
    }

    private static boolean live(TestNode node, String sessionId) {
        SessionActor actor = node.node().core().localSessions().get(sessionId);
        return actor != null && actor.session().isActive();
    }

    private static Element message(String to, String text) {
        return Element.builder("SendMessage-Request").leaf("DeliveryReport", "F")
                .add(Element.builder("MessageInfo").leaf("ContentType", "text/plain").leaf("ContentSize", text.length())
                        .add(Element.of("Recipient", Element.of("User", Element.leaf("UserID", "wv:" + to)))).build())
                .leaf("ContentData", text).build();
    }

    private static Reply poll(CspClient client, String sessionId) {
        return client.send(new CspMessage(V, SessionType.INBAND, sessionId,
                List.of(new Transaction(TransactionMode.REQUEST, null, Element.empty("Polling-Request"))), null, null));
    }

    private static int ready(TestNode node) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.mgmtUrl() + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static void eventually(CheckedCondition condition, String what) throws Exception {
        // Generous: a merge and its reconciliation take seconds on a busy machine.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s: " + what);
            }
            Thread.sleep(50);
        }
    }

    @FunctionalInterface
    private interface CheckedCondition {
        boolean holds() throws Exception;
    }
}
