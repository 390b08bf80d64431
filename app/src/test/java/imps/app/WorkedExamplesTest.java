package imps.app;

import imps.app.CspClient.Reply;
import imps.auth.PasswordDigest;
import imps.codec.xml.XmlDecoder;
import imps.codec.xml.XmlLimits;
import imps.protocol.CspMessage;
import imps.protocol.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The worked exchanges in testdata/examples (A for CSP 1.2, B for 1.3; testdata/README.md): each
 * client message is sent as written (with the Session-ID and digest the gateway actually issued)
 * and the answer must have the example's shape. Where the example server grants more than this
 * gateway implements (STCP, IM functions, a queued message), only the parts that do not depend on
 * it are compared.
 */
class WorkedExamplesTest {
    private static final Set<String> VALUES_CHOSEN_BY_THE_SERVER = Set.of("SessionID", "Nonce", "KeepAliveTime", "Description");
    private static TestNode node;
    private static CspClient client;
    private final XmlDecoder decoder = new XmlDecoder(XmlLimits.DEFAULT);

    @BeforeAll
    static void start() {
        node = TestNode.start();
        client = node.client();
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    private static String example(String name) throws Exception {
        return Files.readString(Path.of(System.getProperty("imps.testdata", "../testdata"), "examples", name + ".xml"));
    }

    private Reply send(String xml, String sid) {
        String body = sid == null ? xml : xml.replace("S-7f3a2c91", sid);
        CspMessage m;
        try {
            m = decoder.decode(body.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return client.postRaw(m.version().xmlContentType(), body.getBytes(StandardCharsets.UTF_8));
    }

    private CspMessage expected(String name) throws Exception {
        return decoder.decode(example(name).getBytes(StandardCharsets.UTF_8));
    }

    /** Same envelope, same primitive, same children in the same order, same values except those the server chooses. */
    private static void assertSameShape(CspMessage expected, Reply actual, boolean compareChildren) {
        assertEquals(expected.sessionType(), actual.message().sessionType());
        assertEquals(expected.first().transactionId(), actual.transaction().transactionId());
        Element e = expected.first().primitive();
        Element a = actual.primitive();
        assertEquals(e.name(), a.name(), actual.text());
        if (e.child("Result") != null) {
            assertEquals(e.child("Result").childText("Code"), a.child("Result").childText("Code"), actual.text());
        }
        if (compareChildren) {
            assertEquals(e.children().stream().map(Element::name).toList(), a.children().stream().map(Element::name).toList(),
                    actual.text());
            for (Element child : e.children()) {
                if (!VALUES_CHOSEN_BY_THE_SERVER.contains(child.name()) && !child.name().equals("Result")) {
                    assertEquals(child, a.child(child.name()), child.name());
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"A", "B"})
    void workedSessionFromLoginToLogout(String section) throws Exception {
        Reply login = send(example(section + "1-01-c2s"), null);
        assertSameShape(expected(section + "1-02-s2c"), login, true);
        String first = login.primitive().childText("SessionID");
        assertEquals(200, send(example(section + "7-01-c2s"), first).code(), "logout of the 2-way session");

        Reply challenge = send(example(section + "2-01-c2s"), null);
        assertSameShape(expected(section + "2-02-s2c"), challenge, true);
        String nonce = challenge.primitive().childText("Nonce");
        String round2 = example(section + "2-03-c2s").replace("fvuaXWP98TYHCqEveeL/Mw==", PasswordDigest.digest("MD5", nonce, "secret"));
        Reply loggedIn = send(round2, null);
        assertSameShape(expected(section + "1-02-s2c"), loggedIn, true);
        String sid = loggedIn.primitive().childText("SessionID");
        assertNotNull(sid);

        Reply caps = send(example(section + "3-01-c2s"), sid);
        assertSameShape(expected(section + "3-02-s2c"), caps, false);
        assertEquals("AgreedCapabilityList", caps.primitive().children().get(0).name());
        assertEquals(sid, caps.message().sessionId());

        Reply services = send(example(section + "4-01-c2s"), sid);
        assertSameShape(expected(section + "4-02-s2c"), services, false);
        assertEquals(List.of("Functions", "AllFunctions"), services.primitive().children().stream().map(Element::name).toList());

        Reply keepAlive = send(example(section + "5-01-c2s"), sid);
        assertSameShape(expected(section + "5-02-s2c"), keepAlive, true);
        assertEquals("1200", keepAlive.primitive().childText("KeepAliveTime"));

        assertEquals(0, send(example(section + "6-01-c2s"), sid).body().length, "nothing is queued for this session");
        CspMessage pushed = expected(section + "6-02-s2c");
        SessionAccess.deliver(node, sid, pushed.first().primitive());
        Reply poll = send(example(section + "6-01-c2s"), sid);
        assertEquals(pushed.first().primitive().name(), poll.primitive().name(), poll.text());
        assertEquals(pushed.first().mode(), poll.transaction().mode());
        assertEquals(Boolean.FALSE, poll.message().poll());
        String answer = example(section + "6-03-c2s").replace("<TransactionID>" + pushed.first().transactionId() + "<",
                "<TransactionID>" + poll.transaction().transactionId() + "<");
        Reply delivered = send(answer, sid);
        assertEquals(0, delivered.body().length, "a client response gets an empty 200");

        Reply logout = send(example(section + "7-01-c2s"), sid);
        assertSameShape(expected(section + "7-02-s2c"), logout, true);
        assertEquals(Boolean.FALSE, logout.message().poll());
    }

    @ParameterizedTest
    @ValueSource(strings = {"B8"})
    void errorAnswersOfSectionB8(String section) throws Exception {
        Reply recovery = send(example(section + "-01-c2s"), null);
        CspMessage refused = expected(section + "-02-s2c");
        assertSameShape(refused, recovery, true);
        assertEquals(refused.sessionId(), recovery.message().sessionId(), "the request's Session-ID is repeated");

        String sid = send(example("B1-01-c2s"), null).primitive().childText("SessionID");
        Reply duplicate = send(example("B1-01-c2s"), null);
        assertSameShape(expected(section + "-03-s2c"), duplicate, true);
        assertEquals(200, send(example("B7-01-c2s"), sid).code());
    }
}
