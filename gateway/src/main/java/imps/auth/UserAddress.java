package imps.auth;

import java.util.Locale;

/**
 * User-ID normalisation (OMA-TS-IMPS_CSP, Addressing; docs/conformance.md, Interop decisions). A user is written
 * {@code wv:user@domain}; the first Login-Request of real clients carries the bare name. The scheme
 * and the address are compared case-insensitively; the home domain may be left out. So
 * {@code alice}, {@code wv:alice}, {@code WV:Alice@imps.local} are the same user, and the canonical
 * key is the lower-case name without scheme and without the home domain. A foreign domain stays in
 * the key ({@code bob@elsewhere.net}) and so never matches a local account.
 */
public final class UserAddress {
    private UserAddress() {
    }

    public static String canonical(String raw, String homeDomain) {
        if (raw == null) {
            return null;
        }
        String s = raw.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("wv:")) {
            s = s.substring(3);
        }
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            String domain = s.substring(at + 1);
            if (domain.isEmpty() || domain.equalsIgnoreCase(homeDomain)) {
                s = s.substring(0, at);
            }
        }
        return s.isEmpty() ? null : s;
    }

    /** The form the gateway writes on the wire: {@code wv:} + canonical key. */
    public static String wire(String canonical) {
        return "wv:" + canonical;
    }
}
