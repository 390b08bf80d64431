package imps.bus;

/**
 * Event-bus addresses of the session core. Addresses name nodes, never sessions: a clustered
 * registration per session would be a cluster-wide write each (docs/cluster.md, "Who owns a session").
 */
public final class EventBusAddresses {
    /** Node-local: logins, run by any session host of the receiving node, which becomes the owner. */
    public static final String LOGIN = "imps.session.login";
    /** Node-local: inband messages for sessions this node owns. */
    public static final String INBAND_LOCAL = "imps.session.inband";

    /**
     * Node-local: CIR SMS to send (OMA-TS-IMPS_CSP_Transport, SMS CIR). The session's owner hands them to its own node's
     * SMS link, so one node sees every CIR of a session and can pace them.
     */
    public static final String SMS_CIR = "imps.sms.cir";

    /** Node-local: CIR datagrams to send (standalone UDP CIR), paced per address by this node's UDP sender. */
    public static final String UDP_CIR = "imps.udp.cir";

    /**
     * Failure code of a node asked about a session it does not hold (a stale directory read): the
     * caller looks the owner up again.
     */
    public static final int NOT_HERE = -2;

    private EventBusAddresses() {
    }

    /** Clustered: {@link InboundBatch}es of inband messages for sessions owned by {@code nodeId}, sent from other nodes. */
    public static String inbandOf(String nodeId) {
        return "imps.node." + nodeId + ".inband";
    }

    /** Clustered: {@link SessionOp}s for sessions owned by {@code nodeId}. */
    public static String opsOf(String nodeId) {
        return "imps.node." + nodeId + ".ops";
    }

    /** Clustered: restore a session from its replica on {@code nodeId}, which has just been made its owner. */
    public static String restoreOf(String nodeId) {
        return "imps.node." + nodeId + ".restore";
    }

    /** Clustered: lines to write on the standalone TCP CIR connections held by {@code nodeId}. */
    public static String cirOf(String nodeId) {
        return "imps.node." + nodeId + ".cir";
    }
}
