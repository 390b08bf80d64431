package imps.app;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node configured with no cluster members is a cluster of one: it looks for nobody, and a second
 * node started on the same host with the same settings neither joins it nor takes the next port.
 */
class ClusterIsolationTest {
    @Test
    void aSecondNodeWithTheSameClusterSettingsDoesNotJoinTheFirstAndSaysWhyItCannotStart() throws Exception {
        String port = Integer.toString(TestNode.freePort());
        Map<String, String> same = Map.of("IMPS_CLUSTER_NAME", TestNode.uniqueClusterName(), "IMPS_CLUSTER_PORT", port,
                "IMPS_CLUSTER_MEMBERS", "");
        try (TestNode first = TestNode.start(same)) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> TestNode.start(same).close());
            String why = String.valueOf(refused.getCause());
            assertTrue(why.contains(port), "the failure names the cluster port that is taken: " + why);
            assertEquals(1, ClusterPartition.hazelcast(first).getCluster().getMembers().size(),
                    "the first node is still alone");
        }
    }

    @Test
    void twoNodesWithoutMembersOnOneHostStayTwoClustersOfOne() throws Exception {
        String name = TestNode.uniqueClusterName();
        try (TestNode a = TestNode.start(Map.of("IMPS_CLUSTER_NAME", name, "IMPS_CLUSTER_MEMBERS", ""));
             TestNode b = TestNode.start(Map.of("IMPS_CLUSTER_NAME", name, "IMPS_CLUSTER_MEMBERS", ""))) {
            assertEquals(1, ClusterPartition.hazelcast(a).getCluster().getMembers().size());
            assertEquals(1, ClusterPartition.hazelcast(b).getCluster().getMembers().size());
        }
    }
}
