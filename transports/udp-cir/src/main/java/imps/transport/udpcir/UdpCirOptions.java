package imps.transport.udpcir;

/**
 * The standalone UDP CIR sender: the local address datagrams leave from ({@code port} 0: any free
 * port; clients do not answer) and the least time between two datagrams to one address.
 */
public record UdpCirOptions(String host, int port, int minIntervalSeconds) {
    public UdpCirOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("udpCir.port must be 0-65535, not " + port);
        }
        if (minIntervalSeconds < 0) {
            throw new IllegalArgumentException("udpCir.minIntervalSeconds must not be negative");
        }
    }
}
