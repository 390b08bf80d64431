package imps.app;

import imps.protocol.CspVersion;
import imps.protocol.Element;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Discovery as the Kubernetes base configures it (k8s/statefulset.yaml): no member list, only the DNS
 * name of a headless Service whose records are the members' addresses, all on one port. Here the
 * name is {@code localhost} and both nodes run on this host: the second binds the next port and
 * joins the first, found through the name.
 */
class KubernetesDiscoveryTest {
    @Test
    void nodesFindEachOtherThroughTheServiceDnsName() throws Exception {
        String port = Integer.toString(TestNode.freePort());
        Map<String, String> env = Map.of("IMPS_CLUSTER_KUBERNETES_SERVICE_DNS", "localhost", "IMPS_CLUSTER_PORT", port,
                "IMPS_CLUSTER_MEMBERS", "", "IMPS_CLUSTER_NAME", TestNode.uniqueClusterName());
        try (TestNode first = TestNode.start(with(env, "k0"));
             TestNode second = TestNode.start(with(env, "k1"))) {
            assertEquals(2, ClusterPartition.hazelcast(second).getCluster().getMembers().size());
            String sid = first.client().login(CspVersion.V1_2, "alice", "secret", "k8s-dns");
            assertEquals(200, second.client().request(CspVersion.V1_2, sid, Element.empty("KeepAlive-Request")).code(),
                    "a session of the first node is served through the second");
        }
    }

    private static Map<String, String> with(Map<String, String> env, String nodeId) {
        java.util.HashMap<String, String> all = new java.util.HashMap<>(env);
        all.put("IMPS_NODE_ID", nodeId);
        return all;
    }
}
