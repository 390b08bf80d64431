package imps.session;

/**
 * Where a session's CIR goes (session-primitives §9.3, transports §4 and §6): for {@code STCP} the
 * node holding the standalone TCP connection and its channel id there; for {@code SSMS} the phone
 * number the CIR SMS is sent to ({@code nodeId} null: any node's SMS link can send it).
 */
public record CirBinding(String method, String nodeId, String channelId) implements java.io.Serializable {
    public static final String STCP = "STCP";
    public static final String SSMS = "SSMS";

    public static CirBinding tcp(String nodeId, String channelId) {
        return new CirBinding(STCP, nodeId, channelId);
    }

    public static CirBinding sms(String phoneNumber) {
        return new CirBinding(SSMS, null, phoneNumber);
    }

    /** True when the binding is a connection held by one node, which is lost with that node. */
    public boolean heldByNode() {
        return nodeId != null;
    }
}
