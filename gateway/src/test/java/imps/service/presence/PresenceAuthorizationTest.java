package imps.service.presence;

import imps.auth.Account;
import imps.config.GatewayConfig;
import imps.protocol.CspException;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.PrimitiveType;
import imps.protocol.StatusCode;
import imps.service.Addresses;
import imps.service.SerializingSharedMap;
import imps.service.contacts.ContactListService;
import imps.service.presence.AuthDecision.State;
import imps.service.presence.PresenceAuthorization.Admission;
import imps.service.presence.PresenceAuthorization.Outcome;
import imps.session.ClientCapabilities;
import imps.session.Delivery;
import imps.session.SessionContext;
import imps.session.transaction.TransactionContext;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When a watcher is let in, made to wait or refused (docs/services.md §4): decided watchers get what
 * was decided; undecided ones are let in when they are the user's contacts or when no session of the
 * user agreed REACT, and otherwise the user's REACT sessions are asked.
 */
class PresenceAuthorizationTest {
    private final Addresses addresses = new Addresses("example.net");
    private final SerializingSharedMap<AuthPolicy> policies = new SerializingSharedMap<>();
    private final ContactListService contacts = new ContactListService(new SerializingSharedMap<>(), addresses,
            user -> Future.succeededFuture(new Account(user, "secret", true)), new GatewayConfig.Services(10, 10, 10, 60, 1000));
    private final FakeDelivery delivery = new FakeDelivery();
    private final PresenceAuthorization authorization = new PresenceAuthorization(policies, contacts, delivery, addresses);

    /** Sessions of users, which of them agreed which leaves, and what was queued to each. */
    private static final class FakeDelivery implements Delivery {
        final Map<String, List<String>> live = new HashMap<>();
        final Map<String, Set<String>> agreed = new HashMap<>();
        final Map<String, List<Element>> queued = new HashMap<>();

        void session(String user, String sessionId, String... leaves) {
            live.computeIfAbsent(user, u -> new ArrayList<>()).add(sessionId);
            agreed.put(sessionId, Set.of(leaves));
        }

        List<Element> queuedTo(String sessionId) {
            return queued.getOrDefault(sessionId, List.of());
        }

        @Override
        public Future<List<String>> liveSessions(String userId) {
            return Future.succeededFuture(live.getOrDefault(userId, List.of()));
        }

        @Override
        public Future<Void> toSession(String sessionId, Element primitive, boolean expectsResponse, String requiredLeaf,
                                      String tag) {
            if (requiredLeaf != null && !agreed.getOrDefault(sessionId, Set.of()).contains(requiredLeaf)) {
                return Future.failedFuture(new CspException(StatusCode.SERVICE_NOT_AGREED));
            }
            queued.computeIfAbsent(sessionId, s -> new ArrayList<>()).add(primitive);
            return Future.succeededFuture();
        }
    }

    private Admission admit(String watched, String watcher, List<String> asked) {
        return authorization.admit(watched, watcher, asked).result();
    }

    private AuthDecision decision(String watched, String watcher) {
        return authorization.policy(watched).result().decision(watcher);
    }

    @Test
    void anUndecidedWatcherWaitsWhileTheUsersReactSessionsAreAsked() {
        delivery.session("alice", "A1", "REACT");
        delivery.session("alice", "A2");
        Admission a = admit("alice", "bob", List.of("OnlineStatus"));
        assertEquals(Outcome.WAIT, a.outcome());
        assertEquals(1, delivery.queuedTo("A1").size());
        Element request = delivery.queuedTo("A1").get(0);
        assertEquals("PresenceAuth-Request", request.name());
        assertEquals("wv:bob", request.childText("UserID"));
        assertEquals(List.of("OnlineStatus"), request.child("PresenceSubList").children().stream().map(Element::name).toList());
        assertTrue(delivery.queuedTo("A2").isEmpty(), "a session without REACT cannot answer");
        assertEquals(new AuthDecision(State.PENDING, List.of("OnlineStatus")), decision("alice", "bob"));

        assertEquals(Outcome.WAIT, admit("alice", "bob", List.of("StatusText")).outcome());
        assertEquals(1, delivery.queuedTo("A1").size(), "asked once");
        assertEquals(List.of("OnlineStatus", "StatusText"), decision("alice", "bob").attributes());
    }

    @Test
    void whenNobodyCanAnswerTheWatcherSeesEverythingAndNothingIsRecorded() {
        delivery.session("alice", "A1", "GETPR");
        assertEquals(Admission.see(PresenceDocument.ATTRIBUTES), admit("alice", "bob", List.of("OnlineStatus")));
        assertEquals(Admission.see(PresenceDocument.ATTRIBUTES), admit("carol", "bob", PresenceDocument.ATTRIBUTES),
                "carol has no session at all");
        assertNull(decision("alice", "bob"));
        assertTrue(delivery.queued.isEmpty());
    }

    @Test
    void theUsersContactsAreLetInWithoutAQuestion() {
        delivery.session("alice", "A1", "REACT");
        SessionContext alice = new SessionContext("A1", "alice", Element.of("ClientID", Element.leaf("URL", "a")),
                CspVersion.V1_2, "XML", "cookie", 600, ClientCapabilities.defaults(30), 0);
        Element create = Element.builder("CreateList-Request").leaf("ContactList", "wv:alice/friends")
                .add(Element.of("NickList", Element.leaf("UserID", "wv:bob"))).build();
        assertTrue(contacts.transactions().stream().filter(t -> t.type() == PrimitiveType.CREATE_LIST).findFirst().orElseThrow()
                .handle(new TransactionContext(alice, create, null, 0)).succeeded());
        assertEquals(Outcome.SEE, admit("alice", "bob", PresenceDocument.ATTRIBUTES).outcome());
        assertTrue(delivery.queued.isEmpty());
    }

    @Test
    void decisionsAreAppliedAsTheyStand() {
        delivery.session("alice", "A1", "REACT");
        authorization.grant("alice", "bob", List.of("StatusText"));
        authorization.deny("alice", "carol");
        assertEquals(Admission.see(List.of("StatusText")), admit("alice", "bob", PresenceDocument.ATTRIBUTES));
        assertEquals(Outcome.REFUSED, admit("alice", "carol", PresenceDocument.ATTRIBUTES).outcome());
        assertEquals(Admission.see(PresenceDocument.ATTRIBUTES), admit("alice", "alice", PresenceDocument.ATTRIBUTES),
                "a user always sees their own presence");
        assertTrue(delivery.queued.isEmpty(), "nobody is asked about a decided watcher");
    }

    @Test
    void openQuestionsArePutAgainToANewSession() {
        delivery.session("alice", "A1", "REACT");
        admit("alice", "bob", PresenceDocument.ATTRIBUTES);
        admit("alice", "carol", List.of("Alias"));
        authorization.grant("alice", "carol", List.of("Alias"));
        delivery.session("alice", "A2", "REACT");
        authorization.askAgain("alice", "A2").result();
        List<Element> again = delivery.queuedTo("A2");
        assertEquals(1, again.size(), "only the question still open");
        assertEquals("wv:bob", again.get(0).childText("UserID"));
        assertNull(again.get(0).child("PresenceSubList"), "bob asked for everything");
    }

    @Test
    void aGrantReportsWhetherTheWatcherNowSeesSomethingElse() {
        delivery.session("alice", "A1", "REACT");
        admit("alice", "bob", PresenceDocument.ATTRIBUTES);
        assertTrue(authorization.grant("alice", "bob", PresenceDocument.ATTRIBUTES).result());
        assertEquals(Boolean.FALSE, authorization.grant("alice", "bob", PresenceDocument.ATTRIBUTES).result());
    }
}
