package imps.codec.pts;

import imps.protocol.PrimitiveType;
import imps.protocol.TransactionMode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The primitive code table: complete, unambiguous, and following the observed pattern. */
class PtsTablesTest {

    /** Every primitive of the table, found by trying every two-letter code. */
    static List<PtsPrimitive> all() {
        List<PtsPrimitive> out = new ArrayList<>();
        for (char a = 'A'; a <= 'Z'; a++) {
            for (char b = 'A'; b <= 'Z'; b++) {
                PtsPrimitive p = PtsPrimitives.byCode("" + a + b);
                if (p != null) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** A code gives one primitive in one mode, and that primitive in that mode has only this code. */
    @Test
    void codesAndPrimitivesMatchOneToOne() {
        Set<String> seen = new HashSet<>();
        for (PtsPrimitive p : all()) {
            assertTrue(seen.add(p.name() + "/" + p.mode()), "two codes for " + p.name());
            assertEquals(p, PtsPrimitives.byCode(p.code().toLowerCase()));
            assertEquals(p, PtsPrimitives.forElement(p.name(), p.mode()));
        }
        assertEquals(92, seen.size());
    }

    @Test
    void androidCodesAreThoseOfPtsSection3() {
        assertEquals(Set.of("LR", "RL", "CP", "PC", "SQ", "QS", "KA", "AK", "PO", "OR", "DI", "ST", "GL", "LG", "CL", "DL",
                        "LM", "ML", "GP", "PG", "SB", "UP", "PN", "GB", "CA"),
                all().stream().filter(p -> p.source() == PtsPrimitive.Source.ANDROID)
                        .map(PtsPrimitive::code).collect(Collectors.toSet()));
    }

    /** Every request the gateway knows has a code, and its specific response the reversed code. */
    @Test
    void everyRequestAndResponseHasACodeResponsesReversed() {
        for (PrimitiveType t : PrimitiveType.values()) {
            PtsPrimitive request = PtsPrimitives.forElement(t.requestName(), TransactionMode.REQUEST);
            assertNotNull(request, t.requestName());
            if (t.responseName() != null) {
                PtsPrimitive response = PtsPrimitives.forElement(t.responseName(), TransactionMode.RESPONSE);
                assertNotNull(response, t.responseName());
                assertEquals(new StringBuilder(request.code()).reverse().toString(), response.code(), t.responseName());
            }
        }
    }

    /** What the server sends on its own initiative, and what clients answer it with (docs/pts.md §3). */
    @Test
    void serverInitiatedPrimitivesAndTheirAnswers() {
        for (String name : List.of("NewMessage", "MessageNotification", "DeliveryReport-Request", "PresenceNotification-Request",
                "PresenceAuth-Request", "GroupChangeNotice", "LeaveGroup-Response", "InviteUser-Request", "Invite-Response",
                "Disconnect", "Notification-Request", "SystemMessage-Request")) {
            PtsPrimitive p = PtsPrimitives.forElement(name, TransactionMode.REQUEST);
            assertNotNull(p, name);
            assertEquals(PtsPrimitive.Direction.SERVER_TO_CLIENT, p.direction(), name);
        }
        assertEquals("MN", PtsPrimitives.forElement("MessageDelivered", TransactionMode.RESPONSE).code());
        assertEquals("ST", PtsPrimitives.forElement("Status", TransactionMode.RESPONSE).code());
        assertNotNull(PtsPrimitives.forElement("SystemMessage-User", TransactionMode.REQUEST));
        assertNotNull(PtsPrimitives.forElement("InviteUser-Response", TransactionMode.REQUEST));
    }

    /** The tree order names each element once, and the writer's order only elements of the tree order. */
    @Test
    void layoutsAreConsistent() {
        for (PtsPrimitive p : all()) {
            PtsLayout layout = PtsLayouts.of(p.name());
            assertEquals(layout.order().size(), Set.copyOf(layout.order()).size(), p.name());
            assertTrue(layout.order().containsAll(layout.writeOrder()), p.name());
        }
        assertEquals(PtsLayout.NONE, PtsLayouts.of("Polling-Request"));
        assertTrue(PtsLayouts.of("Login-Response").sessionIdInContent());
        assertTrue(!PtsLayouts.of("Login-Request").sessionIdInContent());
    }
}
