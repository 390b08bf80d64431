package imps.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import imps.session.registry.ClusterMembership;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** Gateway nodes are Hazelcast members carrying their node id as a member attribute. */
public final class HazelcastMembership implements ClusterMembership {
    static final String NODE_ATTRIBUTE = "imps.node";
    private final HazelcastInstance hz;

    public HazelcastMembership(HazelcastInstance hz) {
        this.hz = hz;
    }

    @Override
    public List<String> liveNodes() {
        return hz.getCluster().getMembers().stream().map(m -> m.getAttribute(NODE_ATTRIBUTE))
                .filter(Objects::nonNull).toList();
    }

    @Override
    public boolean isAlive(String nodeId) {
        return hz.getCluster().getMembers().stream().anyMatch(m -> nodeId.equals(m.getAttribute(NODE_ATTRIBUTE)));
    }

    @Override
    public void onDeparture(Consumer<String> listener) {
        hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                // Arrivals need nothing: a new node owns no session until it logs one in or takes one over.
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                String node = event.getMember().getAttribute(NODE_ATTRIBUTE);
                if (node != null) {
                    listener.accept(node);
                }
            }
        });
    }
}
