package imps.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import imps.session.registry.ClusterMembership;
import io.vertx.core.Future;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Gateway nodes are Hazelcast members carrying their node id as a member attribute. */
public final class HazelcastMembership implements ClusterMembership {
    static final String NODE_ATTRIBUTE = "imps.node";
    private final HazelcastInstance hz;
    private final int minimumClusterSize;
    private volatile boolean merging;

    public HazelcastMembership(HazelcastInstance hz, int minimumClusterSize) {
        this.hz = hz;
        this.minimumClusterSize = minimumClusterSize;
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

    /** The same count the maps' split-brain protection uses (HazelcastSetup), and no merge under way. */
    @Override
    public boolean quorate() {
        return !merging && hz.getCluster().getMembers().size() >= minimumClusterSize;
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

    /**
     * Hazelcast reports MERGED only on the members of the smaller side, once their entries have been
     * offered to the bigger side's maps. The bigger side keeps what it had (put-if-absent merge,
     * HazelcastSetup), so only the smaller side has anything to reconcile. From MERGING on, the node
     * is back among enough members before its stale copies are dropped: it counts as not quorate until
     * the reconciliation is done.
     */
    @Override
    public void onMerge(Supplier<Future<?>> reconcile) {
        hz.getLifecycleService().addLifecycleListener(event -> {
            switch (event.getState()) {
                case MERGING -> merging = true;
                case MERGED -> reconcile.get().onComplete(ar -> merging = false);
                case MERGE_FAILED -> merging = false;
                default -> {
                }
            }
        });
    }
}
