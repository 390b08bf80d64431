package imps.app;

import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.instance.impl.Node;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Cuts a running cluster of in-JVM nodes in two and joins it again, through Hazelcast's own paths:
 * each side suspects the members of the other and removes them (as after missed heartbeats), and the
 * smaller side later runs the merge Hazelcast's split-brain handler would start once it found the
 * other side: it leaves its cluster, joins the bigger one, and its map entries are merged by the
 * configured merge policies. Hazelcast's merge search normally runs minutes after a start, so a test
 * controls when the halves meet.
 */
final class ClusterPartition {
    private ClusterPartition() {
    }

    static HazelcastInstance hazelcast(TestNode node) {
        return Hazelcast.getHazelcastInstanceByName("imps-" + node.node().nodeId());
    }

    private static Node internals(TestNode node) {
        return ((HazelcastInstanceProxy) hazelcast(node)).getOriginal().node;
    }

    /** Splits the cluster into {@code left} and {@code right}; returns once each side sees only itself. */
    static void split(List<TestNode> left, List<TestNode> right) throws InterruptedException {
        for (TestNode a : left) {
            for (TestNode b : right) {
                suspect(a, b);
                suspect(b, a);
            }
        }
        awaitMembers(left, left.size());
        awaitMembers(right, right.size());
    }

    private static void suspect(TestNode by, TestNode whom) {
        java.util.UUID uuid = hazelcast(whom).getCluster().getLocalMember().getUuid();
        Member member = hazelcast(by).getCluster().getMembers().stream().filter(m -> m.getUuid().equals(uuid))
                .findFirst().orElse(null);
        if (member == null) {
            return;
        }
        internals(by).getClusterService().suspectMember(member, "simulated network partition", true);
    }

    /**
     * Merges {@code smaller} into the cluster {@code bigger} belongs to; returns once every merging
     * member has reported MERGED (its data merged) and every node sees {@code total} members.
     */
    static void merge(List<TestNode> smaller, TestNode bigger, List<TestNode> all) throws InterruptedException {
        Address target = hazelcast(bigger).getCluster().getLocalMember().getAddress();
        CountDownLatch merged = new CountDownLatch(smaller.size());
        for (TestNode node : smaller) {
            hazelcast(node).getLifecycleService().addLifecycleListener(event -> {
                if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
                    merged.countDown();
                }
            });
        }
        for (TestNode node : smaller) {
            internals(node).getClusterService().merge(target);
        }
        if (!merged.await(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the smaller side did not merge");
        }
        awaitMembers(all, all.size());
    }

    private static void awaitMembers(List<TestNode> nodes, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (TestNode node : nodes) {
            while (hazelcast(node).getCluster().getMembers().size() != size) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(node.node().nodeId() + " sees " + hazelcast(node).getCluster().getMembers());
                }
                Thread.sleep(50);
            }
        }
    }
}
