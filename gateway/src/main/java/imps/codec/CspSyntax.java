package imps.codec;

/**
 * The three ways a CSP message is written (OMA-TS-IMPS_CSP-V1_3 §"Syntax"): XML, its binary form
 * WBXML, and the plain-text syntax of the SMS binding (OMA-TS-IMPS_CSP_PTS; docs/pts.md). Which one a
 * bearer uses follows from the bearer (SMS: PTS) or from what the client sent (HTTP: the content
 * type). A session records the syntax it logged in with.
 */
public enum CspSyntax {
    XML, WBXML, PTS;

    /** The syntax a name written by {@link #name()} stands for; XML for null or an unknown name. */
    public static CspSyntax fromName(String name) {
        for (CspSyntax s : values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return XML;
    }
}
