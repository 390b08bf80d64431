package imps.app;

import imps.codec.CspSyntax;
import imps.protocol.CspVersion;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The session contract through a node that does not own the session: two nodes in one cluster,
 * logins on the first (which then owns the session), every other request, the TCP CIR connection
 * included, on the second, which forwards to the owner (docs/cluster.md). The nodes listen on
 * different ports here, so the CIR connection is sent to the second node's port, as a load balancer
 * in front of nodes with one port would.
 */
class ForwardedHttpXml13StcpContractTest extends CspSessionContract {
    @Override
    protected Deployment deploy() {
        int firstPort = TestNode.freePort();
        String cluster = TestNode.uniqueClusterName();
        String members = "127.0.0.1:" + firstPort;
        TestNode owner = contractNode(Map.of("IMPS_CLUSTER_NAME", cluster, "IMPS_CLUSTER_MEMBERS", members,
                "IMPS_CLUSTER_PORT", Integer.toString(firstPort)));
        TestNode forwarder = contractNode(Map.of("IMPS_CLUSTER_NAME", cluster, "IMPS_CLUSTER_MEMBERS", members,
                "IMPS_CLUSTER_PORT", Integer.toString(TestNode.freePort())));
        return new Deployment(List.of(owner, forwarder),
                HttpBinding.forwarded(owner, forwarder, CspSyntax.XML, CspVersion.V1_3), new StcpChannel(forwarder), List.of());
    }

    @Override
    protected void assertPlacement(Deployment deployment, String sessionId) {
        assertSame(deployment.nodes().get(0), deployment.owner(sessionId), "the login node owns the session");
        assertFalse(SessionAccess.isLocal(deployment.nodes().get(1), sessionId), "the node serving the other requests does not");
    }
}
