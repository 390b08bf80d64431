package imps.router;

/**
 * Where a message came from: the bearer's name ("http", later "tcp-cir", "sms"), the peer address,
 * and the host name the client used to reach the gateway (for the TCPAddress it is told in
 * capability negotiation).
 */
public record Bearer(String transport, String remoteAddress, String localHost) {
}
