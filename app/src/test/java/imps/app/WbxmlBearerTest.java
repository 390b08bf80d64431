package imps.app;

import imps.app.CspClient.Reply;
import imps.codec.CspSyntax;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * CSP in WBXML over HTTP: a session lives in WBXML from login to logout, answers come in the
 * request's WBXML content type, server-initiated primitives are collected in WBXML, and hostile WBXML
 * gets a Status 400 in WBXML that changes nothing.
 */
class WbxmlBearerTest {
    private static TestNode node;
    private static CspClient wbxml;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        wbxml = node.client(CspSyntax.WBXML);
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    @ParameterizedTest
    @EnumSource(CspVersion.class)
    void aWholeSessionInWbxml(CspVersion v) {
        String sid = wbxml.login(v, "alice", "secret", "wbxml-" + v.label());
        assertEquals(CspSyntax.WBXML.name(), SessionAccess.context(node, sid).syntax(), "the session records its syntax");
        Reply keepAlive = wbxml.request(v, sid, Element.empty("KeepAlive-Request"));
        assertEquals(v.wbxmlContentType(), keepAlive.contentType(), "the answer in the request's content type");
        assertEquals("KeepAlive-Response", keepAlive.primitive().name());
        assertEquals(200, keepAlive.code());

        SessionAccess.deliver(node, sid, Element.of("NewMessage", Element.of("MessageInfo",
                Element.leaf("MessageID", "m-1")), Element.leaf("ContentData", "héllo")));
        Reply poll = wbxml.poll(v, sid);
        assertEquals("NewMessage", poll.primitive().name());
        assertEquals("héllo", poll.primitive().childText("ContentData"));
        assertEquals(0, wbxml.respond(v, sid, poll.transaction().transactionId(),
                Element.of("MessageDelivered", Element.leaf("MessageID", "m-1"))).body().length);

        Reply logout = wbxml.request(v, sid, Element.empty("Logout-Request"));
        assertEquals("Status", logout.primitive().name());
        assertEquals(200, logout.code());
    }

    /** A truncated multi-byte integer in the string table length: Status 400 in WBXML, the session untouched. */
    @ParameterizedTest
    @EnumSource(CspVersion.class)
    void hostileWbxmlGetsStatus400InWbxml(CspVersion v) {
        String sid = wbxml.login(v, "bob", "secret", "wbxml-hostile-" + v.label());
        byte publicId = (byte) (0x10 + v.ordinal());
        Reply refused = wbxml.postRaw(v.wbxmlContentType(), new byte[] {0x03, publicId, 0x6A, (byte) 0x81, (byte) 0x80});
        assertEquals(200, refused.status());
        assertEquals(v.wbxmlContentType(), refused.contentType());
        assertNotNull(refused.message(), "a WBXML answer");
        assertEquals(400, refused.code());
        assertEquals(v, refused.message().version(), "in the version the public identifier names");
        assertEquals(200, wbxml.request(v, sid, Element.empty("KeepAlive-Request")).code(), "nothing changed");
        wbxml.request(v, sid, Element.empty("Logout-Request"));
    }
}
