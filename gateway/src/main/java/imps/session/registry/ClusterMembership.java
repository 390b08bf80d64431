package imps.session.registry;

/** Which gateway nodes are members of the cluster right now. */
public interface ClusterMembership {
    boolean isAlive(String nodeId);
}
