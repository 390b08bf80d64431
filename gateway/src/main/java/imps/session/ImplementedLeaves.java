package imps.session;

import imps.protocol.CspVersion;
import imps.protocol.PrimitiveType;

import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The function leaves this gateway really implements, per CSP version. A leaf counts in a version when
 * a registered handler serves a primitive of that version, or when a service pushes it. The version
 * matters because some primitives left the protocol while their leaf token stayed: GETAUT is still in
 * the 1.3 tree, but GetReactiveAuthStatus is gone from 1.3 (docs/services.md §1), so 1.3 must not grant it.
 */
public record ImplementedLeaves(Map<CspVersion, Set<String>> byVersion) {

    public ImplementedLeaves {
        Map<CspVersion, Set<String>> copy = new EnumMap<>(CspVersion.class);
        for (CspVersion v : CspVersion.values()) {
            copy.put(v, Set.copyOf(byVersion.getOrDefault(v, Set.of())));
        }
        byVersion = Map.copyOf(copy);
    }

    /** @param handled the primitives that have a handler; @param pushLeaves leaves served by pushes alone */
    public static ImplementedLeaves of(Collection<PrimitiveType> handled, Set<String> pushLeaves) {
        Map<CspVersion, Set<String>> byVersion = new EnumMap<>(CspVersion.class);
        for (CspVersion v : CspVersion.values()) {
            Set<String> leaves = new LinkedHashSet<>(pushLeaves);
            for (PrimitiveType type : handled) {
                if (type.leaf() != null && type.existsIn(v)) {
                    leaves.add(type.leaf());
                }
            }
            byVersion.put(v, leaves);
        }
        return new ImplementedLeaves(byVersion);
    }

    public Set<String> in(CspVersion v) {
        return byVersion.get(v);
    }
}
