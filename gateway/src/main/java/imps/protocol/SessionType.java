package imps.protocol;

/**
 * Inband transactions belong to a session and carry its Session-ID; Outband ones must not
 * (OMA-TS-IMPS_CSP-V1_3 §5.3).
 */
public enum SessionType {
    INBAND("Inband"), OUTBAND("Outband");

    private final String wire;

    SessionType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static SessionType fromWire(String value) {
        for (SessionType t : values()) {
            if (t.wire.equals(value)) {
                return t;
            }
        }
        return null;
    }
}
