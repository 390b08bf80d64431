package imps.codec.wbxml;

import java.util.Set;
import java.util.TreeSet;

/** Every element name of CSP 1.1, 1.2 and 1.3, as the tag code pages of {@link CspTokens} list them. */
public final class CspElementNames {
    private CspElementNames() {
    }

    /** The names, each the interned instance (a compile-time constant), so equal to the gateway's own names by identity. */
    public static Set<String> all() {
        Set<String> names = new TreeSet<>();
        for (CspTokens.Span span : CspTokens.TAGS) {
            names.addAll(span.names());
        }
        return names;
    }
}
