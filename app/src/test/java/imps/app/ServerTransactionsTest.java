package imps.app;

import imps.app.CspClient.Reply;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.SessionType;
import imps.protocol.Transaction;
import imps.protocol.TransactionMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Server transactions reach the client exactly once, over real HTTP and a real TCP CIR socket, as the
 * Android engine exchanges them (docs/conformance.md "Server transactions"): several messages in a
 * row, polls without answers, answers while more is queued, retransmission after the time-out with
 * the same Transaction-ID, no CIR F on a logout after the CIR socket closed, every CIR method both
 * sides support agreed, and a GetList-Response that names the default list once.
 */
class ServerTransactionsTest {
    private static final CspVersion V = CspVersion.V1_2;
    private static TestNode node;
    private static CspClient client;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("IMPS_SESSION_MAX_SESSIONS_PER_USER", "100",
                "IMPS_SESSION_SERVER_TRANSACTION_TIMEOUT_SECONDS", "2", "IMPS_SESSION_SERVER_TRANSACTION_ATTEMPTS", "2",
                "IMPS_SESSION_SWEEP_INTERVAL_MILLIS", "200"));
        client = node.client();
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    private static String session(String user, String clientUrl, String... cirMethods) {
        String sid = client.login(V, user, "secret", clientUrl);
        Element.Builder list = Element.builder("CapabilityList").leaf("SupportedBearer", "HTTP");
        for (String m : cirMethods) {
            list.leaf("SupportedCIRMethod", m);
        }
        assertEquals("ClientCapability-Response",
                client.request(V, sid, Element.of("ClientCapability-Request", list.build())).primitive().name());
        assertEquals("Service-Response", client.request(V, sid, CspClient.serviceRequest()).primitive().name());
        return sid;
    }

    private static Element message(String to, String text) {
        return Element.builder("SendMessage-Request").leaf("DeliveryReport", "F")
                .add(Element.builder("MessageInfo").leaf("ContentType", "text/plain").leaf("ContentSize", text.length())
                        .add(Element.of("Recipient", Element.of("User", Element.leaf("UserID", to)))).build())
                .leaf("ContentData", text).build();
    }

    private static void send(String from, String to, String text) {
        Reply r = client.request(V, from, message(to, text));
        assertEquals(200, r.code(), r.text());
    }

    private static Element delivered(Reply serverTransaction) {
        return Element.of("MessageDelivered",
                Element.leaf("MessageID", serverTransaction.primitive().child("MessageInfo").childText("MessageID")));
    }

    /** A raw standalone TCP CIR connection. */
    private static final class Cir implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;

        Cir(String sid) throws IOException {
            socket = new Socket("127.0.0.1", node.config().tcpCir().port());
            socket.setSoTimeout(3000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            socket.getOutputStream().write(("HELO " + sid + "\r\n").getBytes(StandardCharsets.US_ASCII));
            assertEquals("OK", in.readLine());
        }

        /** The next line, or null when none comes within {@code millis}. */
        String line(int millis) throws IOException {
            socket.setSoTimeout(millis);
            try {
                return in.readLine();
            } catch (SocketTimeoutException e) {
                return null;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /**
     * Three messages back to back to a client on TCP CIR: one WVCI covers them; the client then does
     * what the Android engine does (a Poll T makes it poll before it answers what it got) and sees
     * each message and each Transaction-ID once; each of its answers gets an empty 200.
     */
    @Test
    void threeMessagesInARowReachATcpCirClientOnceEachAfterOneWakeUp() throws Exception {
        String alice = session("alice", "burst-sender");
        String bob = session("bob", "burst-receiver", "STCP");
        try (Cir cir = new Cir(bob)) {
            send(alice, "wv:bob", "one");
            send(alice, "wv:bob", "two");
            send(alice, "wv:bob", "three");
            String wvci = cir.line(3000);
            assertNotNull(wvci);
            assertTrue(wvci.startsWith("WVCI 1.2 "), wvci);
            assertNull(cir.line(500), "one wake-up covers everything queued until the client polls");

            List<String> texts = new ArrayList<>();
            Set<String> transactionIds = new HashSet<>();
            Set<String> messageIds = new HashSet<>();
            ArrayDeque<String> toSend = new ArrayDeque<>(List.of("poll"));
            ArrayDeque<Reply> toAnswer = new ArrayDeque<>();
            int requests = 0;
            while (!toSend.isEmpty() && requests++ < 20) {
                String next = toSend.pollFirst();
                if (next.equals("poll")) {
                    Reply r = client.poll(V, bob);
                    if (r.body().length == 0) {
                        continue;
                    }
                    assertEquals(TransactionMode.REQUEST, r.transaction().mode());
                    assertTrue(transactionIds.add(r.transaction().transactionId()),
                            "Transaction-ID " + r.transaction().transactionId() + " handed out twice");
                    assertTrue(messageIds.add(r.primitive().child("MessageInfo").childText("MessageID")));
                    texts.add(r.primitive().childText("ContentData"));
                    if (Boolean.TRUE.equals(r.message().poll())) {
                        toSend.addLast("poll");
                    }
                    toAnswer.addLast(r);
                    toSend.addLast("answer");
                } else {
                    Reply answered = toAnswer.pollFirst();
                    Reply r = client.respond(V, bob, answered.transaction().transactionId(), delivered(answered));
                    assertEquals(0, r.body().length, "a client's answer gets an empty 200: " + r.text());
                }
            }
            assertEquals(List.of("one", "two", "three"), texts);
            assertEquals(0, client.poll(V, bob).body().length, "nothing left");
            assertNull(cir.line(500), "no further wake-up");
        }
        client.request(V, alice, Element.empty("Logout-Request"));
        client.request(V, bob, Element.empty("Logout-Request"));
    }

    /**
     * Polls without answers: each gets the next transaction, none comes twice, and once the
     * retransmission time-out passed the unanswered ones come again with their Transaction-IDs, at
     * most the configured number of times.
     */
    @Test
    void pollsWithoutAnswersGetEachTransactionOnceUntilItsTimeOutThenTheSameAgain() throws Exception {
        String alice = session("alice", "poll-sender");
        String bob = session("bob", "poll-receiver");
        send(alice, "wv:bob", "a");
        send(alice, "wv:bob", "b");
        Reply first = client.poll(V, bob);
        assertEquals(Boolean.TRUE, first.message().poll(), "another one waits");
        Reply second = client.poll(V, bob);
        assertNotEquals(first.transaction().transactionId(), second.transaction().transactionId());
        assertEquals("b", second.primitive().childText("ContentData"));
        assertEquals(0, client.poll(V, bob).body().length, "both handed out, neither due again yet");

        Thread.sleep(2300);
        Reply keepAlive = client.request(V, bob, Element.empty("KeepAlive-Request"));
        assertEquals(Boolean.TRUE, keepAlive.message().poll(), "the time-out passed: Poll T");
        Reply again = client.poll(V, bob);
        assertEquals(first.transaction().transactionId(), again.transaction().transactionId(), "same Transaction-ID");
        assertEquals("a", again.primitive().childText("ContentData"));
        Reply againToo = client.poll(V, bob);
        assertEquals(second.transaction().transactionId(), againToo.transaction().transactionId());
        assertEquals(0, client.respond(V, bob, again.transaction().transactionId(), delivered(again)).body().length);
        assertEquals(0, client.respond(V, bob, first.transaction().transactionId(), delivered(first)).body().length,
                "answering the same transaction twice is taken quietly");

        Thread.sleep(2300);
        assertEquals(0, client.poll(V, bob).body().length,
                "the second transaction went out twice, the configured maximum: given up");
        client.request(V, alice, Element.empty("Logout-Request"));
        client.request(V, bob, Element.empty("Logout-Request"));
    }

    /** An unanswered transaction of a TCP CIR client is announced again when its time-out passes. */
    @Test
    void aCirClientIsWokenAgainWhenAnUnansweredTransactionIsDue() throws Exception {
        String alice = session("alice", "late-sender");
        String bob = session("bob", "late-receiver", "STCP");
        try (Cir cir = new Cir(bob)) {
            send(alice, "wv:bob", "lost answer");
            assertNotNull(cir.line(3000));
            Reply got = client.poll(V, bob);
            assertEquals("lost answer", got.primitive().childText("ContentData"));
            assertNull(cir.line(1000), "not due yet");
            String again = cir.line(3000);
            assertNotNull(again, "due after 2 s: woken again");
            assertTrue(again.startsWith("WVCI"));
            Reply resent = client.poll(V, bob);
            assertEquals(got.transaction().transactionId(), resent.transaction().transactionId());
            assertEquals(0, client.respond(V, bob, resent.transaction().transactionId(), delivered(resent)).body().length);
        }
        client.request(V, alice, Element.empty("Logout-Request"));
        client.request(V, bob, Element.empty("Logout-Request"));
    }

    @Test
    void anAnswerToNoTransactionIs420() {
        String bob = session("bob", "stray-answer");
        Reply r = client.respond(V, bob, "404", Element.of("Status", Element.of("Result", Element.leaf("Code", "200"))));
        assertEquals("Status", r.primitive().name());
        assertEquals(420, r.code());
        assertEquals("404", r.transaction().transactionId());
        client.request(V, bob, Element.empty("Logout-Request"));
    }

    /** The Android engine closes its CIR socket, then logs out: the logout answer must not report the loss. */
    @Test
    void noCirFlagFOnTheAnswerToALogoutAfterTheCirSocketClosed() throws Exception {
        String bob = session("bob", "closing", "STCP");
        Cir cir = new Cir(bob);
        cir.close();
        Thread.sleep(300);
        Reply logout = client.send(new CspMessage(V, SessionType.INBAND, bob,
                List.of(new Transaction(TransactionMode.REQUEST, "9", Element.empty("Logout-Request"))), null, null));
        assertEquals("Status", logout.primitive().name());
        assertEquals(200, logout.code());
        assertNull(logout.message().cirFlag(), "an ending session reports no CIR loss: " + logout.text());
        assertFalse(logout.text().contains("<CIR>"));
    }

    @Test
    void everyCirMethodBothSidesSupportIsAgreedInTheClientsOrderWithItsAddress() {
        for (CspVersion v : List.of(CspVersion.V1_2, CspVersion.V1_3)) {
            String sid = client.login(v, "carol", "secret", "shttp-" + v.label());
            Reply caps = client.request(v, sid, Element.of("ClientCapability-Request", Element.of("CapabilityList",
                    Element.leaf("SupportedBearer", "HTTP"), Element.leaf("SupportedCIRMethod", "SHTTP"),
                    Element.leaf("SupportedCIRMethod", "STCP"))));
            Element agreed = caps.primitive().child("AgreedCapabilityList");
            assertEquals(List.of("SHTTP", "STCP"), agreed.childTexts("SupportedCIRMethod"), v.label());
            assertEquals(String.valueOf(node.config().tcpCir().port()), agreed.childText("TCPPort"));
            Element url = agreed.child(v == CspVersion.V1_3 ? "CIRHTTPAddress" : "CIRURL");
            assertNotNull(url, v.label() + ": " + caps.text());
            assertTrue(url.childText("URL").endsWith("/cir/" + sid), url.childText("URL"));
            client.request(v, sid, Element.empty("Logout-Request"));
        }
    }

    @Test
    void getListNamesTheDefaultListOnce() {
        String dave = session("dave", "lists");
        Element create = Element.builder("CreateList-Request").leaf("ContactList", "wv:dave/friends")
                .add(Element.of("ContactListProperties", Element.builder("Property").leaf("Name", "Default")
                        .leaf("Value", "T").build())).build();
        assertEquals(200, client.request(V, dave, create).code());
        assertEquals(200, client.request(V, dave, Element.of("CreateList-Request",
                Element.leaf("ContactList", "wv:dave/work"))).code());
        Element lists = client.request(V, dave, Element.empty("GetList-Request")).primitive();
        List<String> all = new ArrayList<>(lists.childTexts("ContactList"));
        all.add(lists.childText("DefaultContactList"));
        assertEquals(2, all.size(), "a client adding every ContactList and the DefaultContactList gets each list once: "
                + all);
        assertTrue(lists.childText("DefaultContactList").endsWith("/friends"));
        assertTrue(all.stream().anyMatch(l -> l.endsWith("/work")));
        client.request(V, dave, Element.empty("Logout-Request"));
    }
}
