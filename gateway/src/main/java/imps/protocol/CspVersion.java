package imps.protocol;

/**
 * The three CSP versions the gateway speaks. The version is carried only by the namespace of
 * {@code WV-CSP-Message} (OMA-TS-IMPS_CSP_DataTypes); it is fixed at login for the whole session
 * (OMA-TS-IMPS_CSP-V1_3 §5.3).
 */
public enum CspVersion {
    V1_1("1.1",
            "http://www.wireless-village.org/CSP1.1",
            "http://www.wireless-village.org/TRC1.1",
            "http://www.wireless-village.org/PA1.1",
            "application/vnd.wv.csp.xml"),
    V1_2("1.2",
            "http://www.openmobilealliance.org/DTD/WV-CSP1.2",
            "http://www.openmobilealliance.org/DTD/WV-TRC1.2",
            "http://www.openmobilealliance.org/DTD/WV-PA1.2",
            "application/vnd.wv.csp.xml"),
    V1_3("1.3",
            "http://www.openmobilealliance.org/DTD/IMPS-CSP1.3",
            "http://www.openmobilealliance.org/DTD/IMPS-TRC1.3",
            "http://www.openmobilealliance.org/DTD/IMPS-PA1.3",
            "application/vnd.wv.csp+xml");

    // values() copies its array at every call; the lookups below run once per decoded message.
    private static final CspVersion[] ALL = values();

    private final String label;
    private final String cspNamespace;
    private final String trcNamespace;
    private final String paNamespace;
    private final String xmlContentType;

    CspVersion(String label, String cspNamespace, String trcNamespace, String paNamespace, String xmlContentType) {
        this.label = label;
        this.cspNamespace = cspNamespace;
        this.trcNamespace = trcNamespace;
        this.paNamespace = paNamespace;
        this.xmlContentType = xmlContentType;
    }

    /** "1.1", "1.2" or "1.3": the form used in configuration and in the CIR line {@code WVCI <version> <cookie>}. */
    public String label() {
        return label;
    }

    public String cspNamespace() {
        return cspNamespace;
    }

    public String trcNamespace() {
        return trcNamespace;
    }

    public String paNamespace() {
        return paNamespace;
    }

    /** The XML content type this version's clients send and expect (OMA-TS-IMPS_CSP_Transport, HTTP binding). */
    public String xmlContentType() {
        return xmlContentType;
    }

    /** The WBXML content type of this version: the XML one with {@code wbxml} for {@code xml}. */
    public String wbxmlContentType() {
        return xmlContentType.substring(0, xmlContentType.length() - 3) + "wbxml";
    }

    /** 1.1 carries Poll inside TransactionDescriptor; 1.2 and 1.3 at Session level, with the CIR flag after it. */
    public boolean pollInTransactionDescriptor() {
        return this == V1_1;
    }

    public boolean hasCirFlag() {
        return this != V1_1;
    }

    /** CSP 1.3 sends Disconnect without a TransactionID (OMA-TS-IMPS_CSP-V1_3 §6.6.1); 1.1 and 1.2 carry one. */
    public boolean disconnectCarriesTransactionId() {
        return this != V1_3;
    }

    public boolean atLeast(CspVersion other) {
        return compareTo(other) >= 0;
    }

    public static CspVersion fromNamespace(String namespace) {
        for (CspVersion v : ALL) {
            if (v.cspNamespace.equals(namespace)) {
                return v;
            }
        }
        return null;
    }

    public static CspVersion fromLabel(String label) {
        for (CspVersion v : ALL) {
            if (v.label.equals(label)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown CSP version: " + label);
    }
}
