package imps.bus;

/**
 * Where a message came from: the bearer's name ("http", "sms"), the peer address (an IP address, or
 * the phone number for SMS), and the authority ({@code host[:port]}) the client used to reach the
 * gateway, from which the addresses it is told in capability negotiation are made.
 */
public record Bearer(String transport, String remoteAddress, String authority) {
    public static final String SMS = "sms";

    public static Bearer sms(String phoneNumber) {
        return new Bearer(SMS, phoneNumber, null);
    }

    /**
     * False for SMS: the plain-text syntax has no Poll flag (OMA-TS-IMPS_CSP_PTS; docs/pts.md §1), so
     * a client there cannot be told with its answer that more waits.
     */
    public boolean carriesPollFlag() {
        return !SMS.equals(transport);
    }

    /** The syntax messages on this bearer are written in: PTS over SMS (docs/pts.md), else XML. */
    public String syntax() {
        return SMS.equals(transport) ? "PTS" : "XML";
    }

    /** The sender's phone number when the message came by SMS, else null. */
    public String phoneNumber() {
        return SMS.equals(transport) ? remoteAddress : null;
    }

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
