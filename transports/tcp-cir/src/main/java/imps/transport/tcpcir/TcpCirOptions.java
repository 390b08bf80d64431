package imps.transport.tcpcir;

import imps.tls.TlsFiles;

/**
 * The standalone TCP CIR listener. {@code idleTimeoutSeconds} must exceed the clients' PING interval
 * (Android 20 minutes, Nokia 15 minutes); {@code maxLineLength} bounds what a peer can make us buffer;
 * a connection whose HELO is not accepted within {@code heloTimeoutSeconds} is closed.
 */
public record TcpCirOptions(String host, int port, int idleTimeoutSeconds, int maxLineLength, int heloTimeoutSeconds,
                            TlsFiles tls) {
}
