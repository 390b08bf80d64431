package imps.protocol;

/** Request opens a transaction, Response answers it; server-initiated primitives are Requests too. */
public enum TransactionMode {
    REQUEST("Request"), RESPONSE("Response");

    private final String wire;

    TransactionMode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static TransactionMode fromWire(String value) {
        for (TransactionMode m : values()) {
            if (m.wire.equals(value)) {
                return m;
            }
        }
        return null;
    }
}
