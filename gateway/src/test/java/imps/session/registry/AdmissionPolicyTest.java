package imps.session.registry;

import imps.protocol.StatusCode;
import imps.session.registry.AdmissionPolicy.LiveSession;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdmissionPolicyTest {
    private final AdmissionPolicy policy = new AdmissionPolicy(2, 10);

    @Test
    void aNewClientIdIsAdmittedBelowTheUsersLimit() {
        assertNull(policy.refusal(List.of(), "phone"));
        assertNull(policy.refusal(List.of(new LiveSession("s1", "laptop")), "phone"));
    }

    @Test
    void aClientIdAlreadyLiveIs608EvenAtTheLimit() {
        List<LiveSession> two = List.of(new LiveSession("s1", "laptop"), new LiveSession("s2", "phone"));
        assertEquals(StatusCode.CLIENT_ID_NOT_UNIQUE, policy.refusal(two, "phone"),
                "the Client-ID rule comes first: the client learns it is already logged in");
        assertEquals(StatusCode.USER_SESSION_LIMIT, policy.refusal(two, "tablet"));
    }

    @Test
    void theServiceWideLimitCountsEveryLiveSession() {
        assertTrue(policy.hasRoomBeside(9));
        assertFalse(policy.hasRoomBeside(10));
        assertTrue(AdmissionPolicy.UNLIMITED.hasRoomBeside(Integer.MAX_VALUE - 1));
        assertNull(AdmissionPolicy.perUser(1).refusal(List.of(), "x"));
        assertFalse(AdmissionPolicy.serviceWide(0).hasRoomBeside(0));
    }
}
