package imps.app;

import imps.app.CspClient.Reply;
import imps.app.ProcessCluster.GatewayProcess;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A split brain between processes, the way it mostly happens in production: one node stalls (a long
 * GC pause, a frozen VM; here SIGSTOP) long enough for the others to declare it dead, then wakes up
 * (SIGCONT) believing it still owns its sessions. The majority took them over meanwhile; the woken
 * node finds itself cut off, serves nothing below the quorum, and Hazelcast's split-brain handler
 * merges it back, after which it drops its stale copies (docs/cluster.md, "Split brain").
 */
class ProcessSplitMergeTest {
    private static final CspVersion V = CspVersion.V1_2;
    private static ProcessCluster cluster;
    private static GatewayProcess a;
    private static GatewayProcess b;
    private static GatewayProcess c;

    @BeforeAll
    static void start() {
        cluster = new ProcessCluster(Map.of("IMPS_CLUSTER_MINIMUM_CLUSTER_SIZE", "2"), List.of(
                // Failure detection and the merge search in seconds rather than Hazelcast's minutes.
                "-Dhazelcast.heartbeat.interval.seconds=1", "-Dhazelcast.max.no.heartbeat.seconds=5",
                "-Dhazelcast.merge.first.run.delay.seconds=5", "-Dhazelcast.merge.next.run.delay.seconds=5"));
        a = cluster.startLive("sa", 0);
        b = cluster.start("sb", a.clusterPort);
        c = cluster.start("sc", a.clusterPort);
        assertEquals(200, a.status("/health/ready"), "with B the seed has its quorum");
    }

    @AfterAll
    static void stop() {
        cluster.destroyAll();
    }

    private static void signal(GatewayProcess p, String signal) throws IOException, InterruptedException {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(p.process.pid())).inheritIO().start().waitFor());
    }

    @Test
    void aStalledNodeIsSplitOffThenMergedBackAndNothingIsLostOrDuplicated() throws Exception {
        String bob = c.client().login(V, "bob", "secret", "ps-bob");
        c.client().request(V, bob, CspClient.serviceRequest());
        String alice = a.client().login(V, "alice", "secret", "ps-alice");
        a.client().request(V, alice, CspClient.serviceRequest());

        signal(c, "STOP");
        try {
            Reply taken = a.client().request(V, bob, Element.empty("KeepAlive-Request"));
            assertEquals(200, taken.code(), "the majority declares C dead and takes bob over: " + taken.text());
            Element send = Element.builder("SendMessage-Request").leaf("DeliveryReport", "F")
                    .add(Element.builder("MessageInfo").leaf("ContentType", "text/plain").leaf("ContentSize", 11)
                            .add(Element.of("Recipient", Element.of("User", Element.leaf("UserID", "wv:bob")))).build())
                    .leaf("ContentData", "while away!").build();
            assertEquals(200, a.client().request(V, alice, send).code());
        } finally {
            signal(c, "CONT");
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!c.log().contains("split cluster merged")) {
            assertTrue(System.nanoTime() < deadline, "C did not merge back within 120 s:\n" + c.log());
            Thread.sleep(250);
        }
        while (c.status("/health/ready") != 200) {
            assertTrue(System.nanoTime() < deadline, "C is not ready after the merge");
            Thread.sleep(250);
        }

        List<Element> got = c.client().drain(V, bob);
        assertEquals(1, got.size(), "what the majority queued, collected through the node that stalled: " + got);
        assertEquals("while away!", got.get(0).childText("ContentData"));
        assertTrue(b.client().drain(V, bob).isEmpty(), "delivered once");
        assertEquals(608, c.client().request(V, null, CspClient.login2way("bob", "secret", "ps-bob", null)).code(),
                "one session holds the Client-ID");
        assertEquals(200, c.client().request(V, alice, Element.empty("KeepAlive-Request")).code());
    }
}
