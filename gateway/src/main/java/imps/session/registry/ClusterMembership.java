package imps.session.registry;

import java.util.List;
import java.util.function.Consumer;

/** Which gateway nodes are members of the cluster right now. */
public interface ClusterMembership {
    boolean isAlive(String nodeId);

    /** The ids of every gateway node in the cluster, this one included. */
    List<String> liveNodes();

    /**
     * Calls {@code listener} with a node's id as soon as the cluster sees that node leave (crash or
     * shutdown), on a thread of the cluster's choosing.
     */
    void onDeparture(Consumer<String> listener);
}
