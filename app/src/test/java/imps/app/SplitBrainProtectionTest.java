package imps.app;

import imps.protocol.CspVersion;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Split-brain protection (cluster.minimumClusterSize): a node in a partition below the quorum is not
 * ready and refuses logins with 503, so it cannot admit what the majority side might also admit;
 * once enough members are together it serves again.
 */
class SplitBrainProtectionTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static int ready(TestNode node) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.mgmtUrl() + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void belowTheQuorumANodeRefusesAndAtTheQuorumItServes() throws Exception {
        int firstPort = TestNode.freePort();
        String clusterName = TestNode.uniqueClusterName();
        Map<String, String> env = Map.of("IMPS_CLUSTER_MINIMUM_CLUSTER_SIZE", "2",
                "IMPS_CLUSTER_NAME", clusterName, "IMPS_CLUSTER_MEMBERS", "127.0.0.1:" + firstPort);
        try (TestNode alone = TestNode.start(merge(env, "IMPS_CLUSTER_PORT", Integer.toString(firstPort), "IMPS_NODE_ID", "q0"))) {
            assertEquals(503, ready(alone), "a minority is not ready");
            assertEquals(503, alone.client().request(CspVersion.V1_2, null,
                    CspClient.login2way("alice", "secret", "q-1", null)).code(), "and admits nobody");
            try (TestNode second = TestNode.start(merge(env, "IMPS_CLUSTER_PORT", Integer.toString(TestNode.freePort()),
                    "IMPS_NODE_ID", "q1"))) {
                assertEquals(200, ready(alone));
                assertEquals(200, ready(second));
                assertEquals(200, alone.client().request(CspVersion.V1_2, null,
                        CspClient.login2way("alice", "secret", "q-2", null)).code());
            }
        }
    }

    private static Map<String, String> merge(Map<String, String> base, String... more) {
        java.util.HashMap<String, String> m = new java.util.HashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            m.put(more[i], more[i + 1]);
        }
        return m;
    }
}
