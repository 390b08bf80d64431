package imps.transport.tcpcir;

/**
 * The standalone TCP CIR listener. {@code idleTimeoutSeconds} must exceed the clients' PING interval
 * (Android 20 minutes, Nokia 15 minutes); {@code maxLineLength} bounds what a peer can make us buffer.
 */
public record TcpCirOptions(String host, int port, int idleTimeoutSeconds, int maxLineLength) {
}
