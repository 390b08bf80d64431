package imps.cluster;

import com.hazelcast.core.HazelcastInstance;
import imps.session.registry.ClusterMembership;

/** Gateway nodes are Hazelcast members carrying their node id as a member attribute. */
public final class HazelcastMembership implements ClusterMembership {
    static final String NODE_ATTRIBUTE = "imps.node";
    private final HazelcastInstance hz;

    public HazelcastMembership(HazelcastInstance hz) {
        this.hz = hz;
    }

    @Override
    public java.util.List<String> liveNodes() {
        return hz.getCluster().getMembers().stream().map(m -> m.getAttribute(NODE_ATTRIBUTE))
                .filter(java.util.Objects::nonNull).toList();
    }

    @Override
    public boolean isAlive(String nodeId) {
        return hz.getCluster().getMembers().stream().anyMatch(m -> nodeId.equals(m.getAttribute(NODE_ATTRIBUTE)));
    }
}
