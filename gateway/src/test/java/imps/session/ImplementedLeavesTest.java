package imps.session;

import imps.protocol.CspVersion;
import imps.protocol.PrimitiveType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A leaf is offered only in the versions whose primitives it serves (docs/services.md §1). */
class ImplementedLeavesTest {
    private static final ImplementedLeaves AUTH = ImplementedLeaves.of(List.of(PrimitiveType.GET_WATCHER_LIST,
            PrimitiveType.PRESENCE_AUTH_USER, PrimitiveType.CANCEL_AUTH, PrimitiveType.GET_REACTIVE_AUTH_STATUS), Set.of("NEWM"));

    @Test
    void presenceAuthorizationLeavesFollowTheirPrimitivesVersions() {
        assertEquals(Set.of("GETWL", "REACT", "CAAUT", "NEWM"), AUTH.in(CspVersion.V1_1));
        assertEquals(Set.of("GETWL", "REACT", "CAAUT", "GETAUT", "NEWM"), AUTH.in(CspVersion.V1_2));
        assertEquals(Set.of("GETWL", "NEWM"), AUTH.in(CspVersion.V1_3), "pushed leaves count in every version");
    }

    @Test
    void aCsp13ClientAskingForGetautIsRefusedIt() {
        ServiceNegotiation.Outcome o = new ServiceNegotiation(AUTH).negotiate(CspVersion.V1_3, null, true);
        assertFalse(o.agreed().contains("GETAUT"), "the leaf is in the 1.3 tree, but its primitive is not in 1.3");
        assertTrue(o.agreed().contains("GETWL"));
        assertTrue(o.deniedFunctions().child("WVCSPFeat").child("PresenceFeat").child("PresenceAuthFunc").has("GETAUT"));
    }

    @Test
    void versionBoundPrimitivesKnowTheirVersions() {
        assertFalse(PrimitiveType.GET_REACTIVE_AUTH_STATUS.existsIn(CspVersion.V1_1));
        assertTrue(PrimitiveType.GET_REACTIVE_AUTH_STATUS.existsIn(CspVersion.V1_2));
        assertFalse(PrimitiveType.PRESENCE_AUTH_USER.existsIn(CspVersion.V1_3));
        assertFalse(PrimitiveType.SUBSCRIBE_NOTIFICATION.existsIn(CspVersion.V1_2));
        assertTrue(PrimitiveType.GET_WATCHER_LIST.existsIn(CspVersion.V1_1) && PrimitiveType.GET_WATCHER_LIST.existsIn(CspVersion.V1_3));
    }
}
