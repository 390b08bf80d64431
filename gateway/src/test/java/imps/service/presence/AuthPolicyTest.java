package imps.service.presence;

import imps.service.presence.AuthDecision.State;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One user's reactive-authorization decisions (docs/services.md §4): what each watcher may see. */
class AuthPolicyTest {
    private final AuthPolicy policy = new AuthPolicy();

    @Test
    void anUndecidedWatcherSeesEverything() {
        assertNull(policy.decision("bob"));
        assertEquals(PresenceDocument.ATTRIBUTES, policy.visible("bob"));
    }

    @Test
    void theFirstAskMakesTheWatcherWaitAndLaterAsksWidenWhatItWaitsFor() {
        assertNull(policy.ask("bob", List.of("OnlineStatus")), "undecided before: the user must be asked");
        assertEquals(List.of(), policy.visible("bob"), "a waiting watcher sees nothing");
        AuthDecision before = policy.ask("bob", List.of("StatusText", "OnlineStatus"));
        assertEquals(State.PENDING, before.state(), "already asked: no new question");
        assertEquals(new AuthDecision(State.PENDING, List.of("OnlineStatus", "StatusText")), policy.decision("bob"));
        assertEquals(Map.of("bob", List.of("OnlineStatus", "StatusText")), policy.pending());
    }

    @Test
    void aQuestionThatReachedNobodyIsTakenBack() {
        policy.ask("bob", PresenceDocument.ATTRIBUTES);
        policy.unask("bob");
        assertNull(policy.decision("bob"));
        policy.deny("carol");
        policy.unask("carol");
        assertEquals(State.DENIED, policy.decision("carol").state(), "only a pending question is taken back");
    }

    @Test
    void aGrantShowsTheGrantedAttributesAndSaysWhetherThatChangedAnything() {
        policy.ask("bob", PresenceDocument.ATTRIBUTES);
        assertTrue(policy.grant("bob", List.of("StatusText")), "from nothing to StatusText");
        assertEquals(List.of("StatusText"), policy.visible("bob"));
        assertFalse(policy.grant("bob", List.of("StatusText")), "the same grant again changes nothing");
        assertFalse(policy.grant("carol", PresenceDocument.ATTRIBUTES), "an undecided watcher already saw everything");
        assertEquals(State.GRANTED, policy.ask("bob", List.of("Alias")).state(), "asking again does not reopen a decision");
        assertEquals(List.of("StatusText"), policy.visible("bob"));
    }

    @Test
    void aDenialHidesEverythingUntilAGrant() {
        policy.grant("bob", PresenceDocument.ATTRIBUTES);
        policy.deny("bob");
        assertEquals(List.of(), policy.visible("bob"));
        assertTrue(policy.pending().isEmpty());
        assertTrue(policy.grant("bob", List.of("OnlineStatus")));
        assertEquals(List.of("OnlineStatus"), policy.visible("bob"));
    }

    @Test
    void decisionsKeepTheOrderInWhichWatchersFirstAppeared() {
        policy.ask("carol", List.of("OnlineStatus"));
        policy.deny("bob");
        policy.grant("carol", List.of("OnlineStatus"));
        assertEquals(List.of("carol", "bob"), List.copyOf(policy.decisions().keySet()));
    }

    @Test
    void thePolicySurvivesSerializationAsTheClusterStoresIt() throws Exception {
        policy.ask("bob", List.of("StatusText"));
        policy.grant("carol", List.of("OnlineStatus"));
        policy.deny("dave");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(policy);
        }
        AuthPolicy copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (AuthPolicy) in.readObject();
        }
        assertEquals(policy.decisions(), copy.decisions());
    }
}
