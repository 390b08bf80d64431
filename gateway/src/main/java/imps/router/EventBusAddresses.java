package imps.router;

/**
 * Event-bus addresses of the session core. Addresses name nodes, never sessions: a clustered
 * registration per session would be a cluster-wide write each (design.md §2).
 */
public final class EventBusAddresses {
    /** Node-local: logins, run by any session host of the receiving node, which becomes the owner. */
    public static final String LOGIN = "imps.session.login";
    /** Node-local: inband messages for sessions this node owns. */
    public static final String INBAND_LOCAL = "imps.session.inband";
    /** Header naming an admin operation on a session. */
    public static final String OP_HEADER = "imps-op";
    public static final String OP_DISCONNECT = "disconnect";

    private EventBusAddresses() {
    }

    /** Clustered: inband messages for sessions owned by {@code nodeId}, sent from other nodes. */
    public static String inbandOf(String nodeId) {
        return "imps.node." + nodeId + ".inband";
    }

    /** Clustered: operator actions on sessions owned by {@code nodeId}. */
    public static String adminOf(String nodeId) {
        return "imps.node." + nodeId + ".admin";
    }
}
