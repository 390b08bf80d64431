package imps.app;

import imps.app.ClientCirChannel.WakeUps;
import imps.app.CspBinding.Device;
import imps.auth.PasswordDigest;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.PrimitiveType;
import imps.protocol.SessionType;
import imps.protocol.Transaction;
import imps.protocol.TransactionMode;
import imps.transport.sms.smpp.SmscSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a CSP client relies on from login to logout (OMA-TS-IMPS_CSP-V1_3 and its Transport binding;
 * docs/conformance.md), written once and run over every way of reaching the gateway. A subclass only
 * says how: it deploys the nodes and names the {@link CspBinding} (bearer, syntax, version) and the
 * {@link ClientCirChannel}. Another CIR channel is one more {@code ClientCirChannel} (what the client offers,
 * how it listens) and a subclass of a few lines naming it with a binding.
 *
 * <p>One deployment serves all the tests of a subclass. Every test has users and devices (Client-ID,
 * phone number) of its own, so no test sees another's sessions or messages; messages to a test's
 * user come from one sending user logged in over HTTP XML on the first node. A behaviour a binding
 * cannot express is skipped with the reason, never left out silently.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CspSessionContract {
    private static final String PASSWORD = "secret";
    private static final String SENDER = "sender";
    private static final int USERS = 200;
    private static final Path USERS_FILE = usersFile();

    private final AtomicInteger users = new AtomicInteger();
    private final AtomicInteger devices = new AtomicInteger();
    private Deployment gateway;
    private CspClient sender;
    private String senderSession;

    /**
     * What a subclass deploys: the nodes (logins reach the first; the sending user lives there), the
     * binding, the CIR channel, and what must be closed after the nodes (an SMSC).
     */
    protected record Deployment(List<TestNode> nodes, CspBinding binding, ClientCirChannel cir, List<AutoCloseable> resources)
            implements AutoCloseable {

        Deployment(TestNode node, CspBinding binding, ClientCirChannel cir, AutoCloseable... resources) {
            this(List.of(node), binding, cir, List.of(resources));
        }

        /** The node that owns {@code sessionId}. */
        TestNode owner(String sessionId) {
            return nodes.stream().filter(n -> SessionAccess.isLocal(n, sessionId)).findFirst()
                    .orElseThrow(() -> new AssertionError("no node owns " + sessionId));
        }

        @Override
        public void close() throws Exception {
            List<AutoCloseable> all = new ArrayList<>(nodes);
            all.addAll(resources);
            Exception first = null;
            for (AutoCloseable c : all) {
                try {
                    c.close();
                } catch (Exception e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    /** Starts the nodes and says how clients reach them. */
    protected abstract Deployment deploy() throws Exception;

    /** Checks where a session of this run lives, right after its login; nothing to check with one node. */
    protected void assertPlacement(Deployment deployment, String sessionId) {
    }

    /** A node that knows the contract's users, with {@code env} on top. */
    protected static TestNode contractNode(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("IMPS_USERS_FILE", USERS_FILE.toString());
        return TestNode.start(all);
    }

    /** A contract node whose SMS bearer is bound to {@code smsc}, returned once bound. */
    protected static TestNode contractNode(SmscSimulator smsc) {
        TestNode node = contractNode(SmsBinding.nodeEnv(smsc));
        smsc.awaitBound(Duration.ofSeconds(20));
        return node;
    }

    @BeforeAll
    final void deployGateway() throws Exception {
        gateway = deploy();
        sender = gateway.nodes().get(0).client();
        senderSession = sender.login(CspVersion.V1_2, SENDER, PASSWORD, "contract-sender");
        assertEquals("Service-Response", sender.request(CspVersion.V1_2, senderSession, CspClient.serviceRequest())
                .primitive().name());
    }

    @AfterAll
    final void undeployGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    // ---- login ----

    @Test
    void twoWayLoginAnswers200WithASessionIdAndTheKeepAliveTime() {
        Client c = newClient();
        String tid = c.nextTransactionId();
        CspMessage answer = c.answered(c.outband(tid, c.loginRequest(PASSWORD, 1200)));
        Transaction t = answer.first();
        assertEquals("Login-Response", t.primitiveName());
        assertEquals(TransactionMode.RESPONSE, t.mode());
        assertEquals(tid, t.transactionId(), "the request's TransactionID");
        assertEquals(version(), answer.version());
        assertEquals(SessionType.OUTBAND, answer.sessionType(), "a login is answered outband");
        assertEquals(200, code(t));
        String sessionId = t.primitive().childText("SessionID");
        assertTrue(sessionId != null && !sessionId.isBlank(), "a Session-ID: " + t.primitive());
        assertEquals("1200", t.primitive().childText("KeepAliveTime"), "the requested TimeToLive, within the bounds");
        assertEquals("T", t.primitive().childText("CapabilityRequest"), "a new session is asked to negotiate");

        c.sessionId = sessionId;
        CspMessage keepAlive = c.request(Element.empty("KeepAlive-Request"));
        assertEquals(sessionId, keepAlive.sessionId(), "the session answers under its Session-ID");
        assertEquals(200, code(keepAlive.first()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MD5", "SHA"})
    void fourWayLoginIsChallengedWith401ThenAccepted(String schema) {
        Client c = newClient();
        String tid = c.nextTransactionId();
        Element round1 = Element.builder("Login-Request").leaf("UserID", c.userId()).add(c.clientId())
                .leaf("DigestSchema", schema).leaf("SessionCookie", c.device.cookie()).build();
        Transaction challenge = c.answered(c.outband(tid, round1)).first();
        assertEquals("Login-Response", challenge.primitiveName());
        assertEquals(tid, challenge.transactionId());
        assertEquals(401, code(challenge));
        String nonce = challenge.primitive().childText("Nonce");
        assertTrue(nonce != null && !nonce.isBlank(), "a Nonce: " + challenge.primitive());
        assertEquals(schema, challenge.primitive().childText("DigestSchema"), "the scheme the client offered");
        assertNull(challenge.primitive().childText("SessionID"), "no session before the digest");

        Element round2 = Element.builder("Login-Request").leaf("UserID", c.userId()).add(c.clientId())
                .leaf("DigestBytes", PasswordDigest.digest(schema, nonce, PASSWORD))
                .leaf("SessionCookie", c.device.cookie()).build();
        Transaction accepted = c.answered(c.outband(tid, round2)).first();
        assertEquals("Login-Response", accepted.primitiveName());
        assertEquals(tid, accepted.transactionId(), "both rounds are one transaction");
        assertEquals(200, code(accepted));
        assertNotNull(accepted.primitive().childText("SessionID"));
    }

    @Test
    void aWrongPasswordIs409() {
        Client c = newClient();
        Transaction t = c.answered(c.outband(c.nextTransactionId(), c.loginRequest("not-" + PASSWORD, null))).first();
        assertEquals("Login-Response", t.primitiveName());
        assertEquals(409, code(t));
        assertNull(t.primitive().childText("SessionID"));
    }

    @Test
    void anUnknownUserIs531() {
        Client c = newClient("nobody");
        Transaction t = c.answered(c.outband(c.nextTransactionId(), c.loginRequest(PASSWORD, null))).first();
        assertEquals("Login-Response", t.primitiveName());
        assertEquals(531, code(t));
        assertNull(t.primitive().childText("SessionID"));
    }

    // ---- negotiation ----

    @Test
    void capabilityNegotiationAgreesTheOfferedCirMethod() {
        Client c = loggedIn();
        String tid = c.nextTransactionId();
        Transaction t = c.answered(c.inband(tid, capabilityRequest(gateway.cir().offer(c.device)))).first();
        assertEquals("ClientCapability-Response", t.primitiveName());
        assertEquals(tid, t.transactionId());
        Element agreed = agreedCapabilities(t.primitive());
        assertEquals(List.of(gateway.cir().method()), agreed.childTexts("SupportedCIRMethod"));
        assertTrue(agreed.childTexts("SupportedBearer").contains(binding().bearer()),
                "the bearer the client uses: " + agreed);
        gateway.cir().assertAgreed(agreed);
    }

    @Test
    void serviceNegotiationGrantsTheFeaturesAndListsAllFunctions() {
        Client c = loggedIn();
        assertEquals(506, code(c.request(Element.empty("GetSPInfo-Request")).first()), "no service before negotiation");
        String tid = c.nextTransactionId();
        Transaction t = c.answered(c.inband(tid, CspClient.serviceRequest())).first();
        assertEquals("Service-Response", t.primitiveName());
        assertEquals(tid, t.transactionId());
        Element all = t.primitive().child("AllFunctions");
        assertNotNull(all, "AllFunctionsRequest T is answered with AllFunctions: " + t.primitive());
        Element features = all.child("WVCSPFeat");
        assertNotNull(features, "AllFunctions holds the WVCSPFeat tree: " + all);
        for (String feature : List.of("FundamentalFeat", "PresenceFeat", "IMFeat", "GroupFeat")) {
            assertNotNull(features.child(feature), feature + " in " + features);
        }
        assertEquals("GetSPInfo-Response", c.request(Element.empty("GetSPInfo-Request")).first().primitiveName(),
                "an agreed service answers");
    }

    // ---- keep-alive ----

    @Test
    void keepAliveSetsTheTimeToLiveAndRefusesOneAboveTheMaximumWith605() {
        Client c = loggedIn();
        Transaction set = c.request(keepAlive(900)).first();
        assertEquals("KeepAlive-Response", set.primitiveName());
        assertEquals(200, code(set));
        assertEquals("900", set.primitive().childText("KeepAliveTime"));

        int max = gateway.nodes().get(0).config().session().keepAliveMaxSeconds();
        Transaction refused = c.request(keepAlive(max + 1)).first();
        assertEquals("KeepAlive-Response", refused.primitiveName());
        assertEquals(605, code(refused));
        assertEquals("900", refused.primitive().childText("KeepAliveTime"), "the old value stays");
    }

    // ---- polling (docs/conformance.md "Server transactions") ----

    @Test
    void pollingWithNothingQueuedIsAnsweredWithNothing() {
        Client c = loggedIn();
        assertNothing(c.poll(), "a Polling-Request with nothing to collect");
    }

    @Test
    void aQueuedMessageIsHandedOutOnceAndAnsweredThenPollingFindsNothing() {
        Client c = loggedIn();
        negotiateServices(c);
        String text = "polled over " + binding();
        sendMessage(c, text);
        Transaction pushed = c.poll().orElseThrow(() -> new AssertionError("the queued message was not handed out")).first();
        assertEquals("NewMessage", pushed.primitiveName());
        assertEquals(TransactionMode.REQUEST, pushed.mode(), "a server transaction");
        assertEquals(text, pushed.primitive().childText("ContentData"));
        assertNothing(c.respond(pushed.transactionId(), delivered(pushed)), "the client's answer");
        assertNothing(c.poll(), "a poll after the answer");
    }

    @Test
    void repliesCarryPollTWhileSomethingWaits() {
        assumeTrue(binding().carriesSessionFlags(),
                "the plain-text syntax has no Poll flag (docs/pts.md §1): over SMS the gateway answers a message of "
                        + "client answers alone with the next collectable transaction instead");
        Client c = loggedIn();
        negotiateServices(c);
        assertEquals(Boolean.FALSE, c.request(keepAlive(null)).poll(), "nothing waits yet");
        sendMessage(c, "announced");
        assertEquals(Boolean.TRUE, c.request(keepAlive(null)).poll(), "a message waits");
        Transaction pushed = c.poll().orElseThrow(() -> new AssertionError("nothing handed out")).first();
        assertNothing(c.respond(pushed.transactionId(), delivered(pushed)), "the client's answer");
        assertEquals(Boolean.FALSE, c.request(keepAlive(null)).poll(), "everything collected");
    }

    // ---- recovery ----

    @Test
    void recoveryAfterADroppedBearerGivesBackTheSameSessionAndItsUnansweredTransaction() {
        Client c = loggedIn();
        negotiateCapabilities(c, List.of());
        negotiateServices(c);
        sendMessage(c, "across the drop");
        Transaction handedOut = c.poll().orElseThrow(() -> new AssertionError("nothing handed out")).first();
        assertEquals("NewMessage", handedOut.primitiveName());

        c.connection.dropBearer();
        String tid = c.nextTransactionId();
        Transaction t = c.answered(c.inband(tid, c.loginRequest(PASSWORD, null))).first();
        assertEquals("Login-Response", t.primitiveName());
        assertEquals(tid, t.transactionId());
        assertEquals(200, code(t));
        assertEquals(c.sessionId, t.primitive().childText("SessionID"), "the same session");
        assertEquals("F", t.primitive().childText("CapabilityRequest"), "the negotiated context is kept");

        Transaction again = c.poll().orElseThrow(() -> new AssertionError("the unanswered transaction is gone")).first();
        assertEquals(handedOut.transactionId(), again.transactionId(), "the unanswered transaction again, not a copy");
        assertEquals(handedOut.primitive(), again.primitive());
        assertNothing(c.respond(again.transactionId(), delivered(again)), "the client's answer");
        assertNothing(c.poll(), "delivered once");
    }

    @Test
    void recoveringASessionTheGatewayNeverIssuedIs502() {
        Client c = newClient();
        String tid = c.nextTransactionId();
        Transaction t = c.answered(c.message("never-issued-" + c.device.name(), TransactionMode.REQUEST, tid,
                c.loginRequest(PASSWORD, null))).first();
        assertEquals("Login-Response", t.primitiveName());
        assertEquals(tid, t.transactionId());
        assertEquals(502, code(t));
        assertNull(t.primitive().childText("SessionID"), "the user is not logged in");
    }

    @Test
    void recoveringAnotherUsersSessionIs422AndLeavesItAlone() {
        Client owner = loggedIn();
        Client other = newClient();
        Transaction t = other.answered(other.message(owner.sessionId, TransactionMode.REQUEST, other.nextTransactionId(),
                other.loginRequest(PASSWORD, null))).first();
        assertEquals("Login-Response", t.primitiveName());
        assertEquals(422, code(t));
        assertNull(t.primitive().childText("SessionID"));
        assertEquals(200, code(owner.request(keepAlive(null)).first()), "the owner's session is untouched");
    }

    /**
     * No configuration takes a service away from a running gateway (the offered functions are what
     * the code implements), so the session's context is made to hold a function this gateway refuses,
     * as if another node had agreed it.
     */
    @Test
    void recoveryIs606WhenAnAgreedServiceIsNoLongerOffered() {
        Client c = loggedIn();
        negotiateServices(c);
        TestNode owner = gateway.owner(c.sessionId);
        Set<String> agreed = SessionAccess.context(owner, c.sessionId).agreedFunctions();
        String gone = Arrays.stream(PrimitiveType.values())
                .filter(p -> p.leaf() != null && p.existsIn(version()) && !agreed.contains(p.leaf()))
                .map(PrimitiveType::leaf).findFirst().orElse(null);
        assumeTrue(gone != null, "every function of CSP " + version().label() + " is offered; none can be gone");
        SessionAccess.change(owner, c.sessionId, s -> {
            Set<String> more = new HashSet<>(s.agreedFunctions());
            more.add(gone);
            s.agreedFunctions(more);
        });
        Transaction t = c.answered(c.inband(c.nextTransactionId(), c.loginRequest(PASSWORD, null))).first();
        assertEquals("Login-Response", t.primitiveName());
        assertEquals(606, code(t), gone + " was agreed but is not offered");
        assertNull(t.primitive().childText("SessionID"));
    }

    // ---- CIR ----

    @Test
    void aQueuedMessageWakesTheClientOverItsCirChannel() throws Exception {
        Client c = loggedIn();
        Element agreed = negotiateCapabilities(c, gateway.cir().offer(c.device));
        assertEquals(List.of(gateway.cir().method()), agreed.childTexts("SupportedCIRMethod"));
        negotiateServices(c);
        try (WakeUps wakeUps = gateway.cir().open(c.device, c.sessionId, agreed)) {
            wakeUps.assertQuiet();
            String text = "woken over " + gateway.cir().method();
            sendMessage(c, text);
            assertEquals("WVCI " + version().label() + " " + c.device.cookie(), wakeUps.awaitWakeUp(),
                    "the CIR names the version and the client's SessionCookie");
            Transaction pushed = c.poll().orElseThrow(() -> new AssertionError("woken, but nothing to poll")).first();
            assertEquals("NewMessage", pushed.primitiveName());
            assertEquals(text, pushed.primitive().childText("ContentData"));
            assertNothing(c.respond(pushed.transactionId(), delivered(pushed)), "the client's answer");
            wakeUps.assertQuiet();
        }
    }

    // ---- envelope errors ----

    @Test
    void anInbandRequestForAnUnknownSessionIs604EchoingItsIds() {
        Client c = newClient();
        String sessionId = "unknown-" + c.device.name();
        String tid = c.nextTransactionId();
        CspMessage answer = c.answered(c.message(sessionId, TransactionMode.REQUEST, tid, keepAlive(null)));
        assertEquals("KeepAlive-Response", answer.first().primitiveName(), "the request's own response has a Result");
        assertEquals(604, code(answer.first()));
        assertEquals(tid, answer.first().transactionId());
        assertEquals(sessionId, answer.sessionId());
    }

    @Test
    void anUndecodableMessageIs400EchoingWhatCouldBeReadAndChangesNothing() {
        Client c = loggedIn();
        c.request(keepAlive(900));
        String tid = c.nextTransactionId();
        CspMessage answer = c.connection.exchangeRaw(c.connection.undecodable(c.sessionId, tid));
        assertEquals("Status", answer.first().primitiveName());
        assertEquals(400, code(answer.first()));
        assertEquals(version(), answer.version());
        assertEquals(tid, answer.first().transactionId(), "the TransactionID could be read");
        assertEquals(c.sessionId, answer.sessionId(), "the Session-ID could be read");
        Transaction after = c.request(keepAlive(null)).first();
        assertEquals(200, code(after), "the session is untouched");
        assertEquals("900", after.primitive().childText("KeepAliveTime"));
    }

    // ---- logout ----

    @Test
    void logoutIsStatus200WithTheRequestsTransactionIdThenTheSessionIsGone() {
        Client c = loggedIn();
        String tid = c.nextTransactionId();
        Transaction t = c.answered(c.inband(tid, Element.empty("Logout-Request"))).first();
        assertEquals("Status", t.primitiveName());
        assertEquals(200, code(t));
        assertEquals(tid, t.transactionId());
        Transaction after = c.request(keepAlive(null)).first();
        assertEquals("KeepAlive-Response", after.primitiveName());
        assertEquals(604, code(after), "the session ended");
    }

    // ---- helpers ----

    private CspBinding binding() {
        return gateway.binding();
    }

    private CspVersion version() {
        return binding().version();
    }

    /** A device of a user of its own. */
    private Client newClient() {
        int n = users.incrementAndGet();
        if (n > USERS) {
            throw new IllegalStateException("the contract's users file has " + USERS + " users");
        }
        return newClient("user" + n);
    }

    private Client newClient(String user) {
        int n = devices.incrementAndGet();
        Device device = new Device("d" + n, String.format("4917%08d", n));
        return new Client(user, device, binding().open(device));
    }

    /** A new user's new session, logged in 2-way. */
    private Client loggedIn() {
        Client c = newClient();
        Transaction t = c.answered(c.outband(c.nextTransactionId(), c.loginRequest(PASSWORD, null))).first();
        assertEquals(200, code(t), "login over " + binding() + ": " + t.primitive());
        c.sessionId = t.primitive().childText("SessionID");
        assertPlacement(gateway, c.sessionId);
        return c;
    }

    private Element negotiateCapabilities(Client c, List<Element> cirOffer) {
        Transaction t = c.request(capabilityRequest(cirOffer)).first();
        assertEquals("ClientCapability-Response", t.primitiveName());
        return agreedCapabilities(t.primitive());
    }

    private void negotiateServices(Client c) {
        assertEquals("Service-Response", c.request(CspClient.serviceRequest()).first().primitiveName());
    }

    private Element capabilityRequest(List<Element> cirOffer) {
        return Element.of("ClientCapability-Request", Element.builder("CapabilityList")
                .leaf("ClientType", "MOBILE_PHONE")
                .leaf("SupportedBearer", binding().bearer())
                .addAll(cirOffer)
                .build());
    }

    /** CSP 1.2 and 1.3 put AgreedCapabilityList first; 1.1 answers ClientID, then the full CapabilityList. */
    private Element agreedCapabilities(Element response) {
        List<Element> children = response.children();
        if (version() == CspVersion.V1_1) {
            assertEquals("ClientID", children.get(0).name(), response.toString());
            return response.child("CapabilityList");
        }
        assertEquals("AgreedCapabilityList", children.get(0).name(), "the first child: " + response);
        return children.get(0);
    }

    /** The sending user sends {@code to} an instant message, queued for each of its sessions. */
    private void sendMessage(Client to, String text) {
        Element send = Element.builder("SendMessage-Request").leaf("DeliveryReport", "F")
                .add(Element.builder("MessageInfo").leaf("ContentType", "text/plain").leaf("ContentSize", text.length())
                        .add(Element.of("Recipient", Element.of("User", Element.leaf("UserID", to.userId())))).build())
                .leaf("ContentData", text).build();
        CspClient.Reply r = sender.request(CspVersion.V1_2, senderSession, send);
        assertEquals(200, r.code(), r.text());
    }

    private static Element keepAlive(Integer timeToLive) {
        return Element.builder("KeepAlive-Request").leaf("TimeToLive", timeToLive).build();
    }

    private static Element delivered(Transaction newMessage) {
        return Element.of("MessageDelivered",
                Element.leaf("MessageID", newMessage.primitive().child("MessageInfo").childText("MessageID")));
    }

    private static int code(Transaction t) {
        Element result = t.primitive().child("Result");
        assertNotNull(result, "a Result in " + t.primitive());
        return Integer.parseInt(result.childText("Code"));
    }

    private static void assertNothing(Optional<CspMessage> answer, String what) {
        assertTrue(answer.isEmpty(), () -> what + " gets nothing back, got " + answer.get().first().primitive());
    }

    private static Path usersFile() {
        StringBuilder yaml = new StringBuilder("users:\n  - {userId: " + SENDER + ", password: " + PASSWORD + "}\n");
        for (int i = 1; i <= USERS; i++) {
            yaml.append("  - {userId: user").append(i).append(", password: ").append(PASSWORD).append("}\n");
        }
        try {
            Path p = Files.createTempFile("imps-contract-users", ".yaml");
            Files.writeString(p, yaml);
            p.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One device of one user, talking over the binding; its TransactionIDs fit the plain-text syntax's three digits. */
    private final class Client {
        final String user;
        final Device device;
        final CspBinding.Connection connection;
        private int transactions;
        String sessionId;

        Client(String user, Device device, CspBinding.Connection connection) {
            this.user = user;
            this.device = device;
            this.connection = connection;
        }

        String userId() {
            return "wv:" + user;
        }

        Element clientId() {
            return gateway.cir().clientId(device);
        }

        String nextTransactionId() {
            transactions = transactions % 999 + 1;
            return Integer.toString(transactions);
        }

        Element loginRequest(String password, Integer timeToLive) {
            return Element.builder("Login-Request").leaf("UserID", userId()).add(clientId()).leaf("Password", password)
                    .leaf("TimeToLive", timeToLive).leaf("SessionCookie", device.cookie()).build();
        }

        CspMessage message(String session, TransactionMode mode, String tid, Element primitive) {
            return new CspMessage(version(), session == null ? SessionType.OUTBAND : SessionType.INBAND, session,
                    List.of(new Transaction(mode, tid, primitive)), null, null);
        }

        CspMessage outband(String tid, Element primitive) {
            return message(null, TransactionMode.REQUEST, tid, primitive);
        }

        CspMessage inband(String tid, Element primitive) {
            return message(sessionId, TransactionMode.REQUEST, tid, primitive);
        }

        /** A request in this client's session; the answer it must get. */
        CspMessage request(Element primitive) {
            return answered(inband(nextTransactionId(), primitive));
        }

        CspMessage answered(CspMessage request) {
            return connection.exchange(request).orElseThrow(() -> new AssertionError(
                    binding() + ": no answer to " + request.first().primitiveName()));
        }

        Optional<CspMessage> poll() {
            return connection.exchange(inband(nextTransactionId(), Element.empty("Polling-Request")));
        }

        Optional<CspMessage> respond(String tid, Element primitive) {
            return connection.exchange(message(sessionId, TransactionMode.RESPONSE, tid, primitive));
        }
    }
}
