package imps.codec.xml;

import imps.TestData;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.SessionType;
import imps.protocol.Transaction;
import imps.protocol.TransactionMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XmlEncoderTest {
    private final XmlEncoder encoder = new XmlEncoder();
    private final XmlDecoder decoder = new XmlDecoder(XmlLimits.DEFAULT);

    static Element getPresenceResponse() {
        return Element.builder("GetPresence-Response")
                .add(Element.of("Result", Element.leaf("Code", "200")))
                .add(Element.of("Presence",
                        Element.leaf("UserID", "wv:bob"),
                        Element.of("PresenceSubList",
                                Element.of("OnlineStatus", Element.leaf("Qualifier", "T"), Element.leaf("PresenceValue", "T")),
                                Element.of("StatusText", Element.leaf("Qualifier", "T"), Element.leaf("PresenceValue", "Out <to> lunch & \"back\" 'soon'")))))
                .build();
    }

    static Element newMessage() {
        return Element.of("NewMessage",
                Element.of("MessageInfo",
                        Element.leaf("MessageID", "m-5501"),
                        Element.leaf("ContentType", "text/plain"),
                        Element.of("Recipient", Element.of("User", Element.leaf("UserID", "wv:alice@example.net"))),
                        Element.of("Sender", Element.of("User", Element.leaf("UserID", "wv:bob@example.net"))),
                        Element.leaf("DateTime", "20240315T090741Z")),
                Element.leaf("ContentData", "Héllo <b>wörld</b> & 1 > 0 € 😀"),
                Element.empty("DeliveryReport"));
    }

    static Document dom(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new InputSource(new ByteArrayInputStream(xml)));
    }

    static List<Node> elementChildren(Node n) {
        List<Node> out = new ArrayList<>();
        for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c.getNodeType() == Node.ELEMENT_NODE) {
                out.add(c);
            }
        }
        return out;
    }

    static List<String> childNames(Node n) {
        return elementChildren(n).stream().map(Node::getLocalName).toList();
    }

    static Node child(Node n, String localName) {
        return elementChildren(n).stream().filter(c -> localName.equals(c.getLocalName())).findFirst().orElse(null);
    }

    static Node find(Node n, String localName) {
        if (n.getNodeType() == Node.ELEMENT_NODE && localName.equals(n.getLocalName())) {
            return n;
        }
        for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            Node hit = find(c, localName);
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- round trip

    @ParameterizedTest
    @EnumSource(CspVersion.class)
    void encodedMessageDecodesToTheSameTransactions(CspVersion version) throws Exception {
        CspMessage original = new CspMessage(version, SessionType.INBAND, "S-7f3a2c91 <&>",
                List.of(Transaction.response("4", getPresenceResponse()),
                        Transaction.request("s-101", newMessage()),
                        new Transaction(TransactionMode.REQUEST, null,
                                Element.of("Disconnect", Element.of("Result", Element.leaf("Code", "600"))))),
                Boolean.TRUE, Boolean.FALSE);
        CspMessage decoded = decoder.decode(encoder.encode(original));
        assertEquals(version, decoded.version());
        assertEquals(original.sessionType(), decoded.sessionType());
        assertEquals(original.sessionId(), decoded.sessionId());
        assertEquals(original.transactions(), decoded.transactions());
    }

    @Test
    void encodedOutbandMessageHasNoSessionId() throws Exception {
        CspMessage original = CspMessage.of(CspVersion.V1_2, null, Transaction.response("1",
                Element.of("Login-Response", Element.of("ClientID", Element.leaf("URL", "JiMMY")),
                        Element.of("Result", Element.leaf("Code", "401")), Element.leaf("Nonce", "b5f3c1e0a9d24e6f"),
                        Element.leaf("DigestSchema", "MD5"))));
        byte[] xml = encoder.encode(original);
        assertFalse(new String(xml, StandardCharsets.UTF_8).contains("SessionID"));
        CspMessage decoded = decoder.decode(xml);
        assertEquals(SessionType.OUTBAND, decoded.sessionType());
        assertNull(decoded.sessionId());
        assertEquals(original.transactions(), decoded.transactions());
    }

    static List<Path> realClientRequests() {
        return TestData.allHttpRequests();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realClientRequests")
    void realClientRequestSurvivesDecodeEncodeDecode(Path file) throws Exception {
        CspMessage first = decoder.decode(TestData.body(file));
        CspMessage second = decoder.decode(encoder.encode(first));
        assertEquals(first, second);
    }

    // ---------------------------------------------------------------- envelope layout

    @Test
    void csp11PutsPollInsideTransactionDescriptorAndHasNoCirFlag() throws Exception {
        CspMessage m = new CspMessage(CspVersion.V1_1, SessionType.INBAND, "S-1",
                List.of(Transaction.response("4", Element.of("KeepAlive-Response",
                        Element.of("Result", Element.leaf("Code", "200")), Element.leaf("KeepAliveTime", "600")))),
                Boolean.TRUE, Boolean.TRUE);
        Document d = dom(encoder.encode(m));
        Node root = d.getDocumentElement();
        assertEquals("WV-CSP-Message", root.getLocalName());
        assertEquals(CspVersion.V1_1.cspNamespace(), root.getNamespaceURI());
        Node session = child(root, "Session");
        assertEquals(List.of("SessionDescriptor", "Transaction"), childNames(session));
        Node descriptor = child(child(session, "Transaction"), "TransactionDescriptor");
        assertEquals(List.of("TransactionMode", "TransactionID", "Poll"), childNames(descriptor));
        assertEquals("T", child(descriptor, "Poll").getTextContent());
        assertNull(find(root, "CIR"), "CSP 1.1 has no CIR flag");
    }

    @ParameterizedTest
    @EnumSource(value = CspVersion.class, names = {"V1_2", "V1_3"})
    void csp12And13PutPollAfterTheTransactionsAndCirAfterPoll(CspVersion version) throws Exception {
        CspMessage m = new CspMessage(version, SessionType.INBAND, "S-1",
                List.of(Transaction.response("4", Element.empty("Polling-Request"))), Boolean.FALSE, Boolean.TRUE);
        Document d = dom(encoder.encode(m));
        Node root = d.getDocumentElement();
        assertEquals(version.cspNamespace(), root.getNamespaceURI());
        Node session = child(root, "Session");
        assertEquals(List.of("SessionDescriptor", "Transaction", "Poll", "CIR"), childNames(session));
        assertEquals("F", child(session, "Poll").getTextContent());
        assertEquals("T", child(session, "CIR").getTextContent());
        assertEquals(List.of("TransactionMode", "TransactionID"),
                childNames(child(child(session, "Transaction"), "TransactionDescriptor")));
    }

    @ParameterizedTest
    @EnumSource(CspVersion.class)
    void absentFlagsAreLeftOut(CspVersion version) throws Exception {
        CspMessage m = CspMessage.of(version, "S-1", Transaction.response("4", Element.empty("Polling-Request")));
        Document d = dom(encoder.encode(m));
        assertNull(find(d.getDocumentElement(), "Poll"));
        assertNull(find(d.getDocumentElement(), "CIR"));
    }

    @Test
    void cirFlagAloneFollowsTheTransactions() throws Exception {
        CspMessage m = new CspMessage(CspVersion.V1_2, SessionType.INBAND, "S-1",
                List.of(Transaction.response("4", Element.empty("X"))), null, Boolean.FALSE);
        Node session = child(dom(encoder.encode(m)).getDocumentElement(), "Session");
        assertEquals(List.of("SessionDescriptor", "Transaction", "CIR"), childNames(session));
    }

    @ParameterizedTest
    @EnumSource(CspVersion.class)
    void transactionContentAndPresenceSubListCarryTheVersionsNamespaces(CspVersion version) throws Exception {
        CspMessage m = CspMessage.of(version, "S-1", Transaction.response("4", getPresenceResponse()));
        Document d = dom(encoder.encode(m));
        Node content = find(d.getDocumentElement(), "TransactionContent");
        assertEquals(version.trcNamespace(), content.getNamespaceURI());
        assertEquals(version.trcNamespace(), find(content, "GetPresence-Response").getNamespaceURI());
        Node psl = find(content, "PresenceSubList");
        assertNotNull(psl);
        assertEquals(version.paNamespace(), psl.getNamespaceURI());
        assertEquals(version.paNamespace(), find(psl, "OnlineStatus").getNamespaceURI(), "children inherit the PA namespace");
        assertEquals(version.trcNamespace(), find(content, "UserID").getNamespaceURI());
    }

    @Test
    void namespacesMatchTheProtocolReference() {
        assertEquals("http://www.wireless-village.org/PA1.1", CspVersion.V1_1.paNamespace());
        assertEquals("http://www.openmobilealliance.org/DTD/WV-PA1.2", CspVersion.V1_2.paNamespace());
        assertEquals("http://www.openmobilealliance.org/DTD/IMPS-PA1.3", CspVersion.V1_3.paNamespace());
        assertEquals("http://www.openmobilealliance.org/DTD/IMPS-TRC1.3", CspVersion.V1_3.trcNamespace());
    }

    // ---------------------------------------------------------------- text

    @Test
    void encoderEscapesMarkupCharactersInTextAndIds() throws Exception {
        String nasty = "a<b & c>d \"q\" 's'";
        CspMessage m = CspMessage.of(CspVersion.V1_2, "S<&>\"'", Transaction.response("t<&>\"'",
                Element.of("SendMessage-Request", Element.leaf("ContentData", nasty))));
        byte[] xml = encoder.encode(m);
        String text = new String(xml, StandardCharsets.UTF_8);
        assertTrue(text.contains("<ContentData>a&lt;b &amp; c&gt;d &quot;q&quot; &apos;s&apos;</ContentData>"), text);
        assertTrue(text.contains("<SessionID>S&lt;&amp;&gt;&quot;&apos;</SessionID>"), text);
        assertTrue(text.contains("<TransactionID>t&lt;&amp;&gt;&quot;&apos;</TransactionID>"), text);

        Document d = dom(xml);
        assertEquals(nasty, find(d.getDocumentElement(), "ContentData").getTextContent());
        assertEquals("S<&>\"'", find(d.getDocumentElement(), "SessionID").getTextContent());
        CspMessage decoded = decoder.decode(xml);
        assertEquals(nasty, decoded.first().primitive().childText("ContentData"));
        assertEquals("t<&>\"'", decoded.first().transactionId());
    }

    @Test
    void encoderDropsCharactersXmlCannotCarryButKeepsWhitespace() throws Exception {
        CspMessage m = CspMessage.of(CspVersion.V1_3, "S-1", Transaction.response("1",
                Element.of("SendMessage-Request", Element.leaf("ContentData", "a\u0000b\u0001c\td\ne\u001Ff"))));
        Document d = dom(encoder.encode(m)); // a strict parser accepts the output
        assertEquals("abc\td\nef", find(d.getDocumentElement(), "ContentData").getTextContent());
    }

    /** Found by fuzzing: a CR read from {@code &#13;} came back as LF, because it was written raw. */
    @Test
    void carriageReturnsInTextSurviveEncodingAndDecoding() throws Exception {
        CspMessage m = CspMessage.of(CspVersion.V1_2, "S\r\t1", Transaction.response("1",
                Element.of("SendMessage-Request", Element.leaf("ContentData", "line 1\r\nline 2\rend"))));
        byte[] xml = encoder.encode(m);
        assertTrue(new String(xml, StandardCharsets.UTF_8).contains("<ContentData>line 1&#13;\nline 2&#13;end</ContentData>"));
        assertEquals(m, decoder.decode(xml));
    }

    @Test
    void encoderDropsNonCharactersFffeAndFfff() throws Exception {
        CspMessage m = CspMessage.of(CspVersion.V1_2, "S-1", Transaction.response("1",
                Element.of("SendMessage-Request", Element.leaf("ContentData", "a\uFFFEb\uFFFFc"))));
        byte[] xml = encoder.encode(m);
        assertEquals("abc", find(dom(xml).getDocumentElement(), "ContentData").getTextContent());
        assertEquals("abc", decoder.decode(xml).first().primitive().childText("ContentData"));
    }

    @Test
    void encoderWritesUtf8WithXmlDeclarationAndNoDoctype() throws Exception {
        CspMessage m = CspMessage.of(CspVersion.V1_2, "S-1", Transaction.response("1", newMessage()));
        byte[] xml = encoder.encode(m);
        String text = new String(xml, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><WV-CSP-Message"), text);
        assertFalse(text.contains("DOCTYPE"));
        assertEquals("Héllo <b>wörld</b> & 1 > 0 € 😀",
                find(dom(xml).getDocumentElement(), "ContentData").getTextContent());
        Node dr = find(dom(xml).getDocumentElement(), "DeliveryReport");
        assertNotNull(dr);
        assertFalse(dr.hasChildNodes());
    }

    @Test
    void encoderKeepsChildOrderAsBuilt() throws Exception {
        Element response = Element.of("ClientCapability-Response", Element.of("AgreedCapabilityList",
                Element.leaf("SupportedBearer", "HTTP"), Element.leaf("SupportedCIRMethod", "STCP"),
                Element.leaf("TCPAddress", "192.0.2.10"), Element.leaf("TCPPort", "7000"),
                Element.leaf("ServerPollMin", "30")));
        Document d = dom(encoder.encode(CspMessage.of(CspVersion.V1_2, "S-1", Transaction.response("2", response))));
        assertEquals(List.of("SupportedBearer", "SupportedCIRMethod", "TCPAddress", "TCPPort", "ServerPollMin"),
                childNames(find(d.getDocumentElement(), "AgreedCapabilityList")));
    }

    // ---------------------------------------------------------------- nothing from a request becomes markup

    @Test
    void textThatLooksLikeMarkupIsEscapedEverywhere() throws Exception {
        String hostile = "\"><Injected/><x y=\"&";
        CspMessage m = new CspMessage(CspVersion.V1_2, SessionType.INBAND, hostile,
                List.of(Transaction.response(hostile, Element.of("Status", Element.of("Result",
                        Element.leaf("Code", "400"), Element.leaf("Description", hostile))))), Boolean.FALSE, null);
        byte[] xml = encoder.encode(m);
        Document d = dom(xml);
        assertEquals(hostile, find(d.getDocumentElement(), "SessionID").getTextContent());
        assertEquals(hostile, find(d.getDocumentElement(), "Description").getTextContent());
        assertFalse(new String(xml, StandardCharsets.UTF_8).contains("<Injected"));
    }

    @Test
    void anElementNameThatIsNotAnXmlNameIsRefused() {
        for (String bad : List.of("a b", "x\"><Injected", "1st", "", "-x", "a<b")) {
            CspMessage m = new CspMessage(CspVersion.V1_2, SessionType.OUTBAND, null,
                    List.of(Transaction.response("1", Element.empty(bad))), null, null);
            assertThrows(IllegalArgumentException.class, () -> encoder.encode(m), bad);
        }
    }
}
