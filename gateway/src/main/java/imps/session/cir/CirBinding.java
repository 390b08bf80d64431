package imps.session.cir;

/**
 * Where a session's CIR goes (OMA-TS-IMPS_CSP_Transport, CIR bindings): for {@code STCP} the node
 * holding the standalone TCP connection and its channel id there; for {@code SSMS} the phone number
 * the CIR SMS is sent to; for {@code SUDP} the {@code host:port} the datagrams go to ({@code nodeId}
 * null: any node can send them). {@code method} is a {@link CirMethod} name.
 */
public record CirBinding(String method, String nodeId, String channelId) implements java.io.Serializable {

    public static CirBinding tcp(String nodeId, String channelId) {
        return new CirBinding(CirMethod.STCP.name(), nodeId, channelId);
    }

    public static CirBinding sms(String phoneNumber) {
        return new CirBinding(CirMethod.SSMS.name(), null, phoneNumber);
    }

    /** Datagrams to {@code port} of {@code host} (an IPv6 literal is written in brackets). */
    public static CirBinding udp(String host, int port) {
        return new CirBinding(CirMethod.SUDP.name(), null, (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port);
    }

    /**
     * The UDP binding of a client that now reaches the gateway from {@code host}: the same port there
     * (a NAT or a network switch gave it a new address); this binding when nothing changed.
     */
    public CirBinding movedTo(String host) {
        String port = channelId.substring(channelId.lastIndexOf(':') + 1);
        CirBinding moved = udp(host, Integer.parseInt(port));
        return moved.equals(this) ? this : moved;
    }

    /** True when the binding is a connection held by one node, which is lost with that node. */
    public boolean heldByNode() {
        return nodeId != null;
    }

    public boolean is(CirMethod m) {
        return m.name().equals(method);
    }
}
