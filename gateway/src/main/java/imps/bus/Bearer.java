package imps.bus;

/**
 * Where a message came from: the bearer's name ("http", later "sms"), the peer address, and the
 * authority ({@code host[:port]}) the client used to reach the gateway, from which the addresses it
 * is told in capability negotiation are made.
 */
public record Bearer(String transport, String remoteAddress, String authority) {

    /** The host part of the authority (IPv6 literals keep their brackets), or null. */
    public String host() {
        if (authority == null) {
            return null;
        }
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            return end < 0 ? authority : authority.substring(0, end + 1);
        }
        int colon = authority.lastIndexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }
}
