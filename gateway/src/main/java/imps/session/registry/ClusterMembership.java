package imps.session.registry;

/** Which gateway nodes are members of the cluster right now. */
public interface ClusterMembership {
    boolean isAlive(String nodeId);

    /** The ids of every gateway node in the cluster, this one included. */
    java.util.List<String> liveNodes();
}
