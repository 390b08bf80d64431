package imps.session;

/** Where a session's standalone TCP CIR connection lives: the node holding the socket and its channel id there. */
public record CirBinding(String nodeId, String channelId) implements java.io.Serializable {
}
