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

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three gateway nodes in one Hazelcast cluster (in this JVM): a session created on one node is used
 * through the others' HTTP and TCP CIR bearers with the same Session-ID; services reach users on
 * any node; cluster-wide rules stay exact when logins race on two nodes.
 */
class ClusterTest {
    private static final List<TestNode> nodes = new ArrayList<>();

    @BeforeAll
    static void start() {
        int firstPort = TestNode.freePort();
        String clusterName = TestNode.uniqueClusterName();
        String members = "127.0.0.1:" + firstPort;
        for (int i = 0; i < 3; i++) {
            nodes.add(TestNode.start(Map.of(
                    "IMPS_CLUSTER_PORT", Integer.toString(i == 0 ? firstPort : TestNode.freePort()),
                    "IMPS_CLUSTER_NAME", clusterName, "IMPS_CLUSTER_MEMBERS", members,
                    "IMPS_NODE_ID", "n" + i,
                    "IMPS_SESSION_MAX_SESSIONS_PER_USER", "100")));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (TestNode n : nodes) {
            n.close();
        }
    }

    private static CspClient via(int node) {
        return nodes.get(node).client();
    }


    @Test
    void theClusterHasThreeMembers() {
        assertTrue(nodes.get(0).node().vertx().isClustered());
        assertEquals(3, clusterSize());
    }

    private static int clusterSize() {
        return com.hazelcast.core.Hazelcast.getAllHazelcastInstances().stream()
                .filter(h -> h.getName().startsWith("imps-n")).findFirst().orElseThrow()
                .getCluster().getMembers().size();
    }

    @Test
    void aSessionIsUsedThroughEveryNode() {
        CspVersion v = CspVersion.V1_2;
        String sid = via(0).login(v, "alice", "secret", "cross-" + System.nanoTime());
        assertEquals(200, via(1).request(v, sid, Element.builder("KeepAlive-Request").leaf("TimeToLive", 900).build()).code());
        Reply service = via(2).request(v, sid, CspClient.serviceRequest());
        assertEquals("Service-Response", service.primitive().name());
        Reply ka = via(0).request(v, sid, Element.empty("KeepAlive-Request"));
        assertEquals("900", ka.primitive().childText("KeepAliveTime"), "one context, whichever node the request reaches");
        assertEquals(200, via(2).request(v, sid, Element.empty("Logout-Request")).code());
        assertEquals(604, via(1).request(v, sid, Element.empty("KeepAlive-Request")).code());
    }

    @Test
    void messagesAndPresenceReachUsersOnOtherNodes() {
        CspVersion v = CspVersion.V1_3;
        String alice = via(0).login(v, "alice", "secret", "m-a-" + System.nanoTime());
        String bob = via(1).login(v, "bob", "secret", "m-b-" + System.nanoTime());
        via(0).request(v, alice, CspClient.serviceRequest());
        via(1).request(v, bob, CspClient.serviceRequest());
        via(1).request(v, bob, Element.of("SubscribePresence-Request", Element.of("User", Element.leaf("UserID", "wv:alice"))));
        via(1).drain(v, bob);
        via(0).request(v, alice, Element.of("UpdatePresence-Request", Element.of("PresenceSubList",
                Element.of("StatusText", Element.leaf("Qualifier", "T"), Element.leaf("PresenceValue", "on node 0")))));
        Element send = Element.builder("SendMessage-Request").leaf("DeliveryReport", "F")
                .add(Element.builder("MessageInfo").leaf("ContentType", "text/plain").leaf("ContentSize", 5)
                        .add(Element.of("Recipient", Element.of("User", Element.leaf("UserID", "wv:bob")))).build())
                .leaf("ContentData", "hello").build();
        assertEquals(200, via(2).request(v, alice, send).code(), "sent through a third node");
        List<Element> got = via(2).drain(v, bob);
        assertTrue(got.stream().anyMatch(p -> p.name().equals("PresenceNotification-Request")
                && "on node 0".equals(p.child("Presence").child("PresenceSubList").child("StatusText").childText("PresenceValue"))), got.toString());
        assertTrue(got.stream().anyMatch(p -> p.name().equals("NewMessage") && "hello".equals(p.childText("ContentData"))), got.toString());
        via(0).request(v, alice, Element.empty("Logout-Request"));
        via(1).request(v, bob, Element.empty("Logout-Request"));
    }

    @Test
    void aTcpCirConnectionOnAnotherNodeIsWokenUp() throws Exception {
        CspVersion v = CspVersion.V1_2;
        String sid = via(0).login(v, "carol", "secret", "cir-" + System.nanoTime());
        via(0).request(v, sid, CspClient.serviceRequest());
        try (Socket s = new Socket("127.0.0.1", nodes.get(2).config().tcpCir().port())) {
            s.setSoTimeout(5000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            s.getOutputStream().write(("HELO " + sid + "\r\n").getBytes(StandardCharsets.US_ASCII));
            assertEquals("OK", in.readLine());
            String bob = via(1).login(v, "bob", "secret", "cir-b-" + System.nanoTime());
            via(1).request(v, bob, CspClient.serviceRequest());
            Element send = Element.builder("SendMessage-Request").leaf("DeliveryReport", "F")
                    .add(Element.builder("MessageInfo").leaf("ContentType", "text/plain").leaf("ContentSize", 3)
                            .add(Element.of("Recipient", Element.of("User", Element.leaf("UserID", "wv:carol")))).build())
                    .leaf("ContentData", "hey").build();
            assertEquals(200, via(1).request(v, bob, send).code());
            assertTrue(in.readLine().startsWith("WVCI 1.2 "), "the owner on node 0 woke the socket held by node 2");
        }
    }

    @Test
    void racingLoginsWithOneClientIdOnTwoNodesAdmitExactlyOne() throws Exception {
        for (int round = 0; round < 5; round++) {
            String clientId = "race-" + round + "-" + System.nanoTime();
            CompletableFuture<Reply> a = CompletableFuture.supplyAsync(() ->
                    via(0).request(CspVersion.V1_3, null, CspClient.login2way("bob", "secret", clientId, null)));
            CompletableFuture<Reply> b = CompletableFuture.supplyAsync(() ->
                    via(1).request(CspVersion.V1_3, null, CspClient.login2way("bob", "secret", clientId, null)));
            List<Integer> codes = List.of(a.get().code(), b.get().code());
            assertTrue(codes.contains(200) && codes.contains(608), "exactly one wins: " + codes);
            Reply winner = a.get().code() == 200 ? a.get() : b.get();
            assertNotEquals(null, winner.primitive().childText("SessionID"));
            via(2).request(CspVersion.V1_3, winner.primitive().childText("SessionID"), Element.empty("Logout-Request"));
        }
    }
}
