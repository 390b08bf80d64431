package imps.session.registry;

import io.vertx.core.Future;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Which gateway nodes are members of the cluster right now. */
public interface ClusterMembership {
    boolean isAlive(String nodeId);

    /** The ids of every gateway node in the cluster, this one included. */
    List<String> liveNodes();

    /**
     * Whether this node's side of the cluster has the configured minimum size (always, with split-brain
     * protection off), and it is not in the middle of a merge. A node without it is in a minority
     * partition: what it decided could be decided differently by the majority, so it serves no session
     * until the partition heals. A node whose side is being merged into the other side serves none
     * until it has reconciled the sessions it holds ({@link #onMerge}): until then a session it holds
     * a copy of may be owned on the other side.
     */
    boolean quorate();

    /**
     * Calls {@code listener} with a node's id as soon as the cluster sees that node leave (crash or
     * shutdown), on a thread of the cluster's choosing.
     */
    void onDeparture(Consumer<String> listener);

    /**
     * Calls {@code reconcile} on this node after its side of a split cluster joined the other side and
     * the shared state was merged, on a thread of the cluster's choosing; {@link #quorate()} is false
     * from the start of the merge until the future it returns completes.
     */
    void onMerge(Supplier<Future<?>> reconcile);
}
