package imps.service.im;

import imps.auth.Account;
import imps.config.GatewayConfig;
import imps.protocol.CspException;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.PrimitiveType;
import imps.protocol.StatusCode;
import imps.service.Addresses;
import imps.service.SerializingSharedMap;
import imps.service.blocking.BlockingService;
import imps.service.groups.GroupService;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where a one-to-one message goes when the node's list of the recipient's sessions is a moment old
 * (docs/cluster.md, near caches): a message that reaches none of the sessions the list names is sent
 * to the sessions the user has now before it is kept for later, so a client that logged in on
 * another node a moment ago gets it pushed, and nothing answered 200 waits for a next login.
 */
class MessagingServiceTest {
    private final Addresses addresses = new Addresses("example.net");
    private final FakeDelivery delivery = new FakeDelivery();
    private final SerializingSharedMap<StoredMessages> offline = new SerializingSharedMap<>();
    private final MessagingService messaging = new MessagingService(offline, new SerializingSharedMap<>(),
            new BlockingService(new SerializingSharedMap<>(), addresses),
            new GroupService(new SerializingSharedMap<>(), new SerializingSharedMap<>(), addresses, delivery), addresses,
            user -> Future.succeededFuture(new Account(user, "secret", true)), delivery,
            new GatewayConfig.Services(10, 10, 10, 60, 1000), () -> 1_000_000L);

    /** A list of each user's sessions as a near cache may hold it, the list as it is, and what each session got. */
    private static final class FakeDelivery implements Delivery {
        final Map<String, List<String>> known = new HashMap<>();
        final Map<String, List<String>> current = new HashMap<>();
        final Set<String> ended = new java.util.HashSet<>();
        final Map<String, List<Element>> queued = new HashMap<>();
        int currentReads;

        @Override
        public Future<List<String>> liveSessions(String userId) {
            return Future.succeededFuture(known.getOrDefault(userId, List.of()));
        }

        @Override
        public Future<List<String>> currentLiveSessions(String userId) {
            currentReads++;
            return Future.succeededFuture(current.getOrDefault(userId, List.of()));
        }

        @Override
        public Future<Void> toSession(String sessionId, Element primitive, boolean expectsResponse, String requiredLeaf,
                                      String tag) {
            if (ended.contains(sessionId)) {
                return Future.failedFuture(new CspException(StatusCode.INVALID_SESSION));
            }
            queued.computeIfAbsent(sessionId, s -> new ArrayList<>()).add(primitive);
            return Future.succeededFuture();
        }
    }

    private Element send(String to) {
        SessionContext alice = new SessionContext("A1", "alice", Element.of("ClientID", Element.leaf("URL", "a")),
                CspVersion.V1_2, "XML", "cookie", 600, ClientCapabilities.defaults(30), 0);
        Element request = Element.builder("SendMessage-Request").leaf("DeliveryReport", "F")
                .add(Element.of("MessageInfo", Element.leaf("ContentType", "text/plain"),
                        Element.of("Recipient", Element.of("User", Element.leaf("UserID", "wv:" + to)))))
                .leaf("ContentData", "hello").build();
        Future<Element> answer = messaging.transactions().stream()
                .filter(t -> t.type() == PrimitiveType.SEND_MESSAGE).findFirst().orElseThrow()
                .handle(new TransactionContext(alice, request, null, 0));
        assertTrue(answer.succeeded(), () -> String.valueOf(answer.cause()));
        return answer.result();
    }

    private static String code(Element response) {
        return response.child("Result").childText("Code");
    }

    private boolean keptFor(String user) {
        StoredMessages kept = offline.get(user).result();
        return kept != null && !kept.messages().isEmpty();
    }

    @Test
    void aSessionTheNodeHasNotHeardOfYetGetsTheMessageInsteadOfTheOfflineStore() {
        delivery.current.put("bob", List.of("B1"));
        assertEquals("200", code(send("bob")));
        assertEquals(1, delivery.queued.getOrDefault("B1", List.of()).size());
        assertTrue(!keptFor("bob"));
    }

    @Test
    void aListNamingOnlyAnEndedSessionIsReadAgainAndTheNewSessionGetsTheMessage() {
        delivery.known.put("bob", List.of("B1"));
        delivery.ended.add("B1");
        delivery.current.put("bob", List.of("B2"));
        assertEquals("200", code(send("bob")));
        assertEquals(1, delivery.queued.getOrDefault("B2", List.of()).size());
        assertTrue(!keptFor("bob"));
    }

    @Test
    void whenAKnownSessionTakesTheMessageTheListIsNotReadAgain() {
        delivery.known.put("bob", List.of("B1"));
        delivery.current.put("bob", List.of("B1"));
        assertEquals("200", code(send("bob")));
        assertEquals(0, delivery.currentReads);
        assertEquals(1, delivery.queued.get("B1").size());
    }

    @Test
    void aUserWithNoSessionEvenNowHasTheMessageKept() {
        assertEquals("200", code(send("bob")));
        assertEquals(1, delivery.currentReads);
        assertTrue(keptFor("bob"));
        assertTrue(delivery.queued.isEmpty());
    }
}
