package imps.session.cir;

/**
 * The CIR methods the gateway can serve (OMA-TS-IMPS_CSP-V1_3 §"Client capability negotiation",
 * SupportedCIRMethod; OMA-TS-IMPS_CSP_Transport for each binding). The names are the wire values.
 */
public enum CirMethod {
    /** Standalone TCP: the client keeps a connection open and says {@code HELO <Session-ID>}. */
    STCP,
    /** Standalone UDP: a datagram to the port the client gave (UDPPort). */
    SUDP,
    /** Standalone HTTP: the client GETs its CIR URL while idle (CSP 1.2 and later). */
    SHTTP,
    /** SMS: a text SMS to the client's phone (CSP 1.2 and later). */
    SSMS;

    /** The method a SupportedCIRMethod value names, or null for one the gateway does not serve. */
    public static CirMethod of(String wireName) {
        for (CirMethod m : values()) {
            if (m.name().equalsIgnoreCase(wireName)) {
                return m;
            }
        }
        return null;
    }
}
