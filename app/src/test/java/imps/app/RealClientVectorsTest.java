package imps.app;

import imps.auth.PasswordDigest;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.TransactionMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays what the deployed Android IMPS engine sends (testdata/real-client-requests), byte for byte
 * except for the Session-IDs and 4-way digests the gateway itself chose, and checks that each request
 * gets the answer that client needs (docs/conformance.md, Interop decisions).
 */
class RealClientVectorsTest {
    private static final Pattern SESSION_ID = Pattern.compile("<SessionID>([^<]*)</SessionID>");
    private static final Pattern DIGEST = Pattern.compile("<DigestBytes>[^<]*</DigestBytes>");
    private static final Pattern TX = Pattern.compile("<TransactionID>[^<]*</TransactionID>");
    private static final Pattern MESSAGE_ID = Pattern.compile("<MessageID>[^<]*</MessageID>");
    private static final java.util.Set<String> SERVER_INITIATED = java.util.Set.of("NewMessage",
            "PresenceNotification-Request", "PresenceAuth-Request", "DeliveryReport-Request", "Disconnect");
    private static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    static Path vectors() {
        String dir = System.getProperty("imps.testdata", "../testdata");
        return Path.of(dir, "real-client-requests");
    }

    @ParameterizedTest
    @ValueSource(strings = {"csp1.1-2way", "csp1.2-2way", "csp1.3-2way", "csp1.1-4way", "csp1.2-4way", "csp1.3-4way",
            "csp1.1-4way-SHA", "csp1.2-4way-SHA", "csp1.3-4way-SHA", "scenarios-csp1.1_message-stcp",
            "scenarios-csp1.2_cir-tcp", "scenarios-csp1.2_message-stcp", "scenarios-csp1.2_presence",
            "scenarios-csp1.2_reestablish-drop", "scenarios-csp1.3_message-stcp", "scenarios-csp1.2_message-burst-stcp"})
    void realClientConversationIsAnsweredAsTheClientExpects(String folder) throws IOException {
        CspClient client = node.client();
        Map<String, String> sessionByRecorded = new HashMap<>();
        Map<String, String> challengeSchema = new HashMap<>();
        Map<String, String> challengeNonce = new HashMap<>();
        // Per client: the server transactions it was handed and has not answered yet, oldest first,
        // and every server Transaction-ID it was handed (each must arrive once).
        Map<String, java.util.ArrayDeque<CspClient.Reply>> unanswered = new HashMap<>();
        Map<String, java.util.Set<String>> handed = new HashMap<>();
        Map<String, Integer> pushed = new HashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(vectors().resolve(folder))) {
            files = s.filter(p -> p.toString().endsWith(".http")).sorted().toList();
        }
        assertTrue(files.size() >= 7, "vectors present in " + folder);
        for (Path file : files) {
            String name = file.getFileName().toString();
            String party = name.split("-")[1];
            String[] http = splitHttp(Files.readString(file, StandardCharsets.UTF_8));
            String contentType = header(http[0], "Content-Type");
            String body = http[1];
            Matcher sid = SESSION_ID.matcher(body);
            if (sid.find() && sessionByRecorded.containsKey(sid.group(1))) {
                body = body.replace(sid.group(1), sessionByRecorded.get(sid.group(1)));
            }
            if (body.contains("<TransactionMode>Response</TransactionMode>")) {
                java.util.ArrayDeque<CspClient.Reply> waiting = unanswered.computeIfAbsent(party, k -> new java.util.ArrayDeque<>());
                if (waiting.isEmpty()) {
                    // The recorded server sent a transaction this gateway had no reason to send (e.g. a
                    // notification while the authorization was still pending): the engine answers only
                    // what it received, so it would not send this.
                    continue;
                }
                // The client answers the oldest server transaction the gateway actually sent it, not the recorded one.
                CspClient.Reply answered = waiting.pollFirst();
                body = TX.matcher(body).replaceFirst("<TransactionID>" + answered.transaction().transactionId() + "</TransactionID>");
                Element info = answered.primitive().child("MessageInfo");
                if (info != null) {
                    body = MESSAGE_ID.matcher(body).replaceFirst("<MessageID>" + info.childText("MessageID") + "</MessageID>");
                }
            }
            if (body.contains("<DigestBytes>")) {
                String digest = PasswordDigest.digest(challengeSchema.get(party), challengeNonce.get(party), "secret");
                body = DIGEST.matcher(body).replaceFirst("<DigestBytes>" + digest + "</DigestBytes>");
            }
            CspClient.Reply reply = client.postRaw(contentType, body.getBytes(StandardCharsets.UTF_8));
            assertEquals(200, reply.status(), name + ": only HTTP 200 counts as an answer");
            // On Poll T the engine's dispatcher polls at once, before what it does with the message itself.
            CspClient.Reply told = reply;
            while (told.message() != null && Boolean.TRUE.equals(told.message().poll())) {
                told = client.postRaw(contentType, pollingRequest(body).getBytes(StandardCharsets.UTF_8));
                assertEquals(200, told.status(), name + ": the poll on Poll T");
                if (told.body().length > 0) {
                    assertEquals(TransactionMode.REQUEST, told.transaction().mode(), name + ": the poll on Poll T: " + told.text());
                    serverTransaction(name, told, handed.computeIfAbsent(party, k -> new java.util.HashSet<>()),
                            unanswered.computeIfAbsent(party, k -> new java.util.ArrayDeque<>()), pushed);
                }
            }
            String primitive = name.replaceFirst("^\\d+-[AB]-C2S-", "").replace(".http", "");
            boolean clientResponse = primitive.equals("MessageDelivered") || primitive.equals("Status");
            if (reply.body().length == 0) {
                assertTrue(primitive.equals("Polling-Request") || clientResponse,
                        name + ": an empty body is only allowed for Polling-Request and client responses");
                continue;
            }
            assertTrue(!clientResponse, name + ": a client's answer gets an empty 200, not " + reply.text());
            assertEquals(CspMediaTypeOf(contentType), reply.contentType(), name + ": reply in the request's content type");
            Element p = reply.primitive();
            if (reply.transaction().mode() == TransactionMode.REQUEST) {
                assertEquals("Polling-Request", primitive, name + ": server transactions are handed out on polls only");
                serverTransaction(name, reply, handed.computeIfAbsent(party, k -> new java.util.HashSet<>()),
                        unanswered.computeIfAbsent(party, k -> new java.util.ArrayDeque<>()), pushed);
                continue;
            }
            String requestTx = transactionId(body);
            assertEquals(requestTx, reply.transaction().transactionId(), name + ": TransactionID echoed");
            if (p.child("Result") != null) {
                assertNotEquals(400, reply.code(), name + ": request understood: " + reply.text());
            }
            switch (primitive) {
                case "Login-Request" -> {
                    if (body.contains("<DigestSchema>")) {
                        assertEquals(401, reply.code(), name);
                        assertNotNull(p.childText("Nonce"), name + ": challenge carries Nonce");
                        assertNotNull(p.childText("DigestSchema"), name + ": challenge carries DigestSchema");
                        assertNull(p.childText("SessionID"), name + ": no SessionID in a challenge");
                        challengeSchema.put(party, p.childText("DigestSchema"));
                        challengeNonce.put(party, p.childText("Nonce"));
                    } else if (sid.find(0) && body.contains("<SessionType>Inband</SessionType>")) {
                        // Re-establishment after a dropped bearer: the same session comes back.
                        assertEquals(200, reply.code(), name + ": " + reply.text());
                        assertEquals(sessionByRecorded.get(sid.group(1)), p.childText("SessionID"), name + ": the same Session-ID");
                    } else {
                        assertEquals(200, reply.code(), name + ": " + reply.text());
                        assertNotNull(p.childText("SessionID"), name);
                        assertNotEquals(Boolean.TRUE, reply.message().poll(), name + ": no Poll=T on a Login-Response");
                        Matcher recorded = SESSION_ID.matcher(Files.readString(files.get(files.indexOf(file) + 1)));
                        if (recorded.find()) {
                            sessionByRecorded.put(recorded.group(1), p.childText("SessionID"));
                        }
                    }
                }
                case "ClientCapability-Request" -> {
                    if (folder.startsWith("csp1.1") || folder.contains("csp1.1_")) {
                        assertEquals("CapabilityList", p.children().get(1).name(), name);
                    } else {
                        assertEquals("AgreedCapabilityList", p.children().get(0).name(),
                                name + ": AgreedCapabilityList must be the first child");
                    }
                }
                case "Service-Request" -> assertNotNull(p.child("AllFunctions"), name + ": AllFunctions or the client hangs");
                case "GetPresence-Request" -> {
                    assertEquals(200, reply.code(), name);
                    assertTrue(!p.children("Presence").isEmpty()
                                    && p.children("Presence").stream().allMatch(x -> x.child("PresenceSubList") != null),
                            name + ": Presence elements each with a PresenceSubList, or the client hangs");
                }
                case "SendMessage-Request" -> {
                    assertEquals(200, reply.code(), name + ": " + reply.text());
                    assertNotNull(p.childText("MessageID"), name);
                }
                case "UpdatePresence-Request", "CreateList-Request", "SubscribePresence-Request" ->
                        assertEquals(200, reply.code(), name + ": " + reply.text());
                case "KeepAlive-Request" -> assertEquals(200, reply.code(), name);
                case "Logout-Request" -> {
                    assertEquals("Status", p.name(), name);
                    assertEquals(200, reply.code(), name);
                }
                default -> assertEquals(CspVersion.fromNamespace(namespace(body)), reply.message().version(), name);
            }
        }
        assertPushes(folder, pushed);
    }

    private static void assertPushes(String folder, Map<String, Integer> pushed) {
        if (folder.contains("burst")) {
            assertEquals(3, pushed.getOrDefault("NewMessage", 0), folder + ": each of the three messages once " + pushed);
        } else if (folder.contains("message")) {
            assertTrue(pushed.getOrDefault("NewMessage", 0) >= 1, folder + ": the message reached its recipient " + pushed);
        }
        if (folder.contains("presence")) {
            assertTrue(pushed.getOrDefault("PresenceNotification-Request", 0) >= 1,
                    folder + ": subscribers were notified " + pushed);
        }
    }

    /** A server transaction handed to the client: never twice, answered later in the order received. */
    private static void serverTransaction(String name, CspClient.Reply reply, java.util.Set<String> handed,
                                          java.util.ArrayDeque<CspClient.Reply> unanswered, Map<String, Integer> pushed) {
        Element p = reply.primitive();
        assertTrue(SERVER_INITIATED.contains(p.name()), name + ": " + p.name());
        assertTrue(handed.add(reply.transaction().transactionId()),
                name + ": server transaction " + reply.transaction().transactionId() + " handed out twice");
        if (!p.name().equals("Disconnect")) {
            unanswered.addLast(reply);
        }
        pushed.merge(p.name(), 1, Integer::sum);
    }

    /** The engine's Polling-Request in the envelope of one of its own requests (same namespaces, same session). */
    private static String pollingRequest(String body) {
        return body.replaceFirst("<TransactionDescriptor>.*?</TransactionDescriptor>",
                        "<TransactionDescriptor><TransactionMode>Request</TransactionMode></TransactionDescriptor>")
                .replaceFirst("(<TransactionContent[^>]*>).*(</TransactionContent>)", "$1<Polling-Request/>$2");
    }

    private static String CspMediaTypeOf(String contentType) {
        return contentType.split(";")[0].trim();
    }

    private static String[] splitHttp(String raw) {
        int i = raw.indexOf("\r\n\r\n");
        int j = raw.indexOf("\n\n");
        if (i >= 0 && (j < 0 || i < j)) {
            return new String[] {raw.substring(0, i), raw.substring(i + 4)};
        }
        return new String[] {raw.substring(0, j), raw.substring(j + 2)};
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r?\n")) {
            if (line.toLowerCase().startsWith(name.toLowerCase() + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return null;
    }

    private static String transactionId(String body) {
        Matcher m = Pattern.compile("<TransactionID>([^<]*)</TransactionID>").matcher(body);
        return m.find() ? m.group(1) : null;
    }

    private static String namespace(String body) {
        Matcher m = Pattern.compile("<WV-CSP-Message xmlns=\"([^\"]*)\"").matcher(body);
        return m.find() ? m.group(1) : null;
    }
}
