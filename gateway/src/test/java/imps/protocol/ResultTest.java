package imps.protocol;

import imps.protocol.Result.DetailedResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultTest {
    private static final DetailedResult UNKNOWN_BOB = DetailedResult.forUser(StatusCode.UNKNOWN_USER, "wv:bob");
    private static final DetailedResult UNKNOWN_CAROL = DetailedResult.forUser(StatusCode.UNKNOWN_USER, "wv:carol");
    private static final DetailedResult OFFLINE_DAVE = DetailedResult.forUser(StatusCode.RECIPIENT_NOT_LOGGED_IN, "wv:dave");

    @Test
    void noFailuresIsA200WithoutDetails() {
        Result r = Result.fromParts(3, List.of());
        assertEquals(StatusCode.OK, r.status());
        assertTrue(r.details().isEmpty());
        assertEquals(List.of("Code", "Description"), r.toElement().children().stream().map(Element::name).toList(),
                "a fully successful Result carries no DetailedResult");
    }

    @Test
    void someSuccessIsA201WithOneDetailPerFailure() {
        Result r = Result.fromParts(1, List.of(UNKNOWN_BOB, OFFLINE_DAVE));
        assertEquals(StatusCode.PARTIALLY_SUCCESSFUL, r.status());
        assertEquals(List.of(UNKNOWN_BOB, OFFLINE_DAVE), r.details());
        Element e = r.toElement();
        assertEquals("201", e.childText("Code"));
        List<Element> details = e.children("DetailedResult");
        assertEquals(2, details.size());
        assertEquals("531", details.get(0).childText("Code"));
        assertEquals("wv:bob", details.get(0).childText("UserID"));
        assertEquals("533", details.get(1).childText("Code"));
        assertEquals("wv:dave", details.get(1).childText("UserID"));
    }

    @Test
    void allFailedTheSameWayGivesThatCode() {
        Result r = Result.fromParts(0, List.of(UNKNOWN_BOB, UNKNOWN_CAROL));
        assertEquals(StatusCode.UNKNOWN_USER, r.status());
        assertEquals(StatusCode.UNKNOWN_USER.description(), r.description());
        assertEquals(2, r.details().size());
    }

    @Test
    void singleFailureGivesItsOwnCode() {
        assertEquals(StatusCode.RECIPIENT_NOT_LOGGED_IN, Result.fromParts(0, List.of(OFFLINE_DAVE)).status());
    }

    @Test
    void allFailedDifferentlyGives900() {
        Result r = Result.fromParts(0, List.of(UNKNOWN_BOB, OFFLINE_DAVE));
        assertEquals(StatusCode.MULTIPLE_ERRORS, r.status());
        assertEquals(900, r.status().code());
        assertEquals(List.of(UNKNOWN_BOB, OFFLINE_DAVE), r.details());
    }

    @Test
    void resultElementHasCodeDescriptionThenDetails() {
        Element e = Result.of(StatusCode.NOT_FOUND, null).toElement();
        assertEquals("Result", e.name());
        assertEquals("404", e.childText("Code"));
        assertEquals("Not found", e.childText("Description"), "null description falls back to the code's own");
        assertNull(e.child("DetailedResult"));
    }
}
