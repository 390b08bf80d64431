package imps.codec.xml;

import com.sun.net.httpserver.HttpServer;
import imps.TestData;
import imps.codec.DecodeException;
import imps.codec.DecodeException.Kind;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.SessionType;
import imps.protocol.Transaction;
import imps.protocol.TransactionMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XmlDecoderTest {
    static final String NS11 = "http://www.wireless-village.org/CSP1.1";
    static final String NS12 = "http://www.openmobilealliance.org/DTD/WV-CSP1.2";
    static final String NS13 = "http://www.openmobilealliance.org/DTD/IMPS-CSP1.3";
    static final String TRC12 = "http://www.openmobilealliance.org/DTD/WV-TRC1.2";

    private final XmlDecoder decoder = new XmlDecoder(XmlLimits.DEFAULT);

    /** A compact, well-formed 1.2 KeepAlive-Request: 12 elements, nesting depth 6. */
    static String keepAlive(String ns, String timeToLive) {
        return "<WV-CSP-Message xmlns=\"" + ns + "\"><Session><SessionDescriptor><SessionType>Inband</SessionType>"
                + "<SessionID>S-7f3a2c91</SessionID></SessionDescriptor><Transaction><TransactionDescriptor>"
                + "<TransactionMode>Request</TransactionMode><TransactionID>4</TransactionID></TransactionDescriptor>"
                + "<TransactionContent xmlns=\"" + TRC12 + "\"><KeepAlive-Request><TimeToLive>" + timeToLive
                + "</TimeToLive></KeepAlive-Request></TransactionContent></Transaction></Session></WV-CSP-Message>";
    }

    static String envelope(String ns, String sessionDescriptor, String transactions) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><WV-CSP-Message xmlns=\"" + ns + "\"><Session>"
                + sessionDescriptor + transactions + "</Session></WV-CSP-Message>";
    }

    static String tx(String descriptor, String content) {
        return "<Transaction><TransactionDescriptor>" + descriptor + "</TransactionDescriptor>"
                + "<TransactionContent xmlns=\"" + TRC12 + "\">" + content + "</TransactionContent></Transaction>";
    }

    static final String INBAND = "<SessionDescriptor><SessionType>Inband</SessionType><SessionID>S-1</SessionID></SessionDescriptor>";

    private CspMessage decode(String xml) throws DecodeException {
        return decoder.decode(xml.getBytes(StandardCharsets.UTF_8));
    }

    private DecodeException refused(String xml) {
        return refused(decoder, xml);
    }

    private static DecodeException refused(XmlDecoder d, String xml) {
        return assertThrows(DecodeException.class, () -> d.decode(xml.getBytes(StandardCharsets.UTF_8)));
    }

    // ---------------------------------------------------------------- real client vectors

    static List<Path> realClientRequests() {
        return TestData.allHttpRequests();
    }

    private static final Pattern FOLDER_VERSION = Pattern.compile("csp(1\\.[123])");
    private static final Pattern FILE_PRIMITIVE = Pattern.compile("^\\d+-[A-Z]-C2S-(.+)\\.http$");

    private static String group(String regex, String text) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(text);
        return m.find() ? m.group(1) : null;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realClientRequests")
    void decoderAcceptsEveryRealClientRequest(Path file) throws Exception {
        String folder = file.getParent().getFileName().toString();
        Matcher fv = FOLDER_VERSION.matcher(folder);
        assertTrue(fv.find(), "folder name names no CSP version: " + folder);
        CspVersion expectedVersion = switch (fv.group(1)) {
            case "1.1" -> CspVersion.V1_1;
            case "1.2" -> CspVersion.V1_2;
            default -> CspVersion.V1_3;
        };
        Matcher fp = FILE_PRIMITIVE.matcher(file.getFileName().toString());
        assertTrue(fp.matches(), "unexpected file name " + file.getFileName());
        String expectedPrimitive = fp.group(1);

        String xml = TestData.bodyText(file);
        String rootNs = group("<WV-CSP-Message[^>]*xmlns=\"([^\"]+)\"", xml);
        String descriptor = group("<SessionDescriptor>(.*?)</SessionDescriptor>", xml);
        String txDescriptor = group("<TransactionDescriptor>(.*?)</TransactionDescriptor>", xml);
        String expectedSessionId = group("<SessionID>(.*?)</SessionID>", descriptor);
        String expectedTxId = group("<TransactionID>(.*?)</TransactionID>", txDescriptor);
        if (expectedTxId != null && expectedTxId.isBlank()) {
            expectedTxId = null;
        }

        CspMessage m = decoder.decode(TestData.body(file));

        assertEquals(expectedVersion, m.version(), "version from namespace " + rootNs);
        assertEquals(rootNs, m.version().cspNamespace());
        assertEquals(SessionType.fromWire(group("<SessionType>(.*?)</SessionType>", descriptor)), m.sessionType());
        assertNotNull(m.sessionType());
        assertEquals(expectedSessionId, m.sessionId());
        assertEquals(1, m.transactions().size());
        Transaction t = m.first();
        assertEquals(expectedTxId, t.transactionId());
        assertEquals(group("<TransactionMode>(.*?)</TransactionMode>", txDescriptor), t.mode().wire());
        assertEquals(expectedPrimitive, t.primitiveName());
        assertNull(m.poll(), "clients never send Poll; the decoder must not invent one");
        assertNull(m.cirFlag());
    }

    @Test
    void realClientRequestVectorsCoverEveryScenarioFolder() {
        Map<String, Long> perFolder = TestData.allHttpRequests().stream()
                .collect(Collectors.groupingBy(p -> p.getParent().getFileName().toString(), TreeMap::new,
                        Collectors.counting()));
        for (String v : List.of("1.1", "1.2", "1.3")) {
            for (String kind : List.of("-2way", "-4way", "-4way-SHA")) {
                assertTrue(perFolder.getOrDefault("csp" + v + kind, 0L) >= 7, "csp" + v + kind + ": " + perFolder);
            }
        }
        assertTrue(perFolder.keySet().stream().filter(f -> f.startsWith("scenarios-")).count() >= 6, perFolder.toString());
        assertTrue(perFolder.values().stream().mapToLong(Long::longValue).sum() >= 200);
    }

    @Test
    void decoderReadsLoginRequestChildrenByNameWhateverTheirOrder() throws Exception {
        // Android puts Password after SessionCookie, and re-establishes inband with the old SessionID.
        Path file = TestData.realClientRequests().resolve("scenarios-csp1.2_reestablish-drop/0031-A-C2S-Login-Request.http");
        CspMessage m = decoder.decode(TestData.body(file));
        Element login = m.first().primitive();
        assertEquals(SessionType.INBAND, m.sessionType());
        assertEquals("Seb66d020", m.sessionId());
        assertEquals("8", m.first().transactionId());
        assertEquals("alice", login.childText("UserID"));
        assertEquals("JiMMY", login.child("ClientID").childText("URL"));
        assertEquals("7205", login.childText("TimeToLive"));
        assertEquals("1795270519987-16988971790", login.childText("SessionCookie"));
        assertEquals("secret", login.childText("Password"));
    }

    @Test
    void decoderDecodesPredefinedEntitiesAndUtf8InRealMessageContent() throws Exception {
        Path file = TestData.realClientRequests().resolve("scenarios-csp1.2_cir-tcp/0029-B-C2S-SendMessage-Request.http");
        Element send = decoder.decode(TestData.body(file)).first().primitive();
        assertEquals("Hello from the Android IMPS engine <&> éè 1+1=2", send.childText("ContentData"));
        assertEquals("wv:alice", send.child("MessageInfo").child("Recipient").child("User").childText("UserID"));
    }

    @Test
    void decoderGivesNullTransactionIdToPollingRequestWithoutOne() throws Exception {
        Path file = TestData.realClientRequests().resolve("scenarios-csp1.2_cir-tcp/0030-A-C2S-Polling-Request.http");
        Transaction t = decoder.decode(TestData.body(file)).first();
        assertEquals("Polling-Request", t.primitiveName());
        assertNull(t.transactionId());

        CspMessage empty = decode(envelope(NS12, INBAND,
                tx("<TransactionMode>Request</TransactionMode><TransactionID/>", "<Polling-Request/>")));
        assertNull(empty.first().transactionId(), "an empty <TransactionID/> is no TransactionID");
        assertEquals(Element.empty("Polling-Request"), empty.first().primitive());
    }

    // ---------------------------------------------------------------- element matching and text

    @Test
    void decoderMatchesElementsByLocalNameIgnoringPrefixesAndNamespaces() throws Exception {
        String xml = "<csp:WV-CSP-Message xmlns:csp=\"" + NS12 + "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<csp:Session><SessionDescriptor xmlns=\"urn:not-csp\"><SessionType>Inband</SessionType>"
                + "<csp:SessionID>S-9</csp:SessionID></SessionDescriptor>"
                + "<csp:Transaction><csp:TransactionDescriptor><csp:TransactionMode>Request</csp:TransactionMode>"
                + "<TransactionID xmlns=\"\">7</TransactionID></csp:TransactionDescriptor>"
                + "<trc:TransactionContent xmlns:trc=\"" + TRC12 + "\"><trc:UpdatePresence-Request>"
                + "<pa:PresenceSubList xmlns:pa=\"http://www.openmobilealliance.org/DTD/WV-PA1.2\"><pa:ClientInfo>"
                + "<pa:Qualifier>T</pa:Qualifier><v:ClientTypeDetail xmlns:v=\"urn:vendor\">phone</v:ClientTypeDetail>"
                + "</pa:ClientInfo></pa:PresenceSubList></trc:UpdatePresence-Request></trc:TransactionContent>"
                + "</csp:Transaction></csp:Session></csp:WV-CSP-Message>";
        CspMessage m = decode(xml);
        assertEquals(CspVersion.V1_2, m.version());
        assertEquals(SessionType.INBAND, m.sessionType());
        assertEquals("S-9", m.sessionId());
        assertEquals("7", m.first().transactionId());
        Element expected = Element.of("UpdatePresence-Request",
                Element.of("PresenceSubList",
                        Element.of("ClientInfo", Element.leaf("Qualifier", "T"), Element.leaf("ClientTypeDetail", "phone"))));
        assertEquals(expected, m.first().primitive());
    }

    @Test
    void decoderTrimsTextAndDropsWhitespaceOnlyText() throws Exception {
        String xml = "<?xml version=\"1.0\"?>\n<WV-CSP-Message xmlns=\"" + NS13 + "\">\n <Session>\n  <SessionDescriptor>\n"
                + "   <SessionType> Inband\t</SessionType>\n   <SessionID>\n     S-1  \n   </SessionID>\n  </SessionDescriptor>\n"
                + "  <Transaction>\n   <TransactionDescriptor>\n    <TransactionMode>\r\n Request </TransactionMode>\n"
                + "    <TransactionID> 4 </TransactionID>\n   </TransactionDescriptor>\n   <TransactionContent>\n"
                + "    <SendMessage-Request>\n     <ContentData>  Hello   world \n</ContentData>\n"
                + "     <Note><![CDATA[ a<b ]]></Note>\n    </SendMessage-Request>\n   </TransactionContent>\n"
                + "  </Transaction>\n </Session>\n</WV-CSP-Message>\n";
        CspMessage m = decode(xml);
        assertEquals(CspVersion.V1_3, m.version());
        assertEquals(SessionType.INBAND, m.sessionType());
        assertEquals("S-1", m.sessionId());
        assertEquals(TransactionMode.REQUEST, m.first().mode());
        assertEquals("4", m.first().transactionId());
        Element send = m.first().primitive();
        assertNull(send.text(), "indentation is not text");
        assertEquals("Hello   world", send.childText("ContentData"), "trimmed at the ends, inner spaces kept");
        assertEquals("a<b", send.childText("Note"));
    }

    @Test
    void decoderAcceptsSeveralTransactionsInOneMessage() throws Exception {
        CspMessage m = decode(envelope(NS12, INBAND,
                tx("<TransactionMode>Response</TransactionMode><TransactionID>s-1</TransactionID>",
                        "<MessageDelivered><MessageID>m1</MessageID></MessageDelivered>")
                        + tx("<TransactionMode>Request</TransactionMode><TransactionID>9</TransactionID>", "<Polling-Request/>")));
        assertEquals(2, m.transactions().size());
        assertEquals(new Transaction(TransactionMode.RESPONSE, "s-1",
                Element.of("MessageDelivered", Element.leaf("MessageID", "m1"))), m.transactions().get(0));
        assertEquals(Transaction.request("9", Element.empty("Polling-Request")), m.transactions().get(1));
    }

    // ---------------------------------------------------------------- DOCTYPE and entities

    @Test
    void decoderAcceptsDoctypeWithOnlyThePublicCspDtd() throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<!DOCTYPE WV-CSP-Message PUBLIC \"-//OMA//DTD WV-CSP 1.2//EN\" \"http://www.openmobilealliance.org/DTD/WV-CSP.DTD\">"
                + keepAlive(NS12, "1200");
        CspMessage m = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> decode(xml));
        assertEquals(CspVersion.V1_2, m.version());
        assertEquals("1200", m.first().primitive().childText("TimeToLive"));
    }

    @Test
    void decoderNeverFetchesTheDtdNamedInTheDoctype() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            fetches.incrementAndGet();
            byte[] dtd = "<!ENTITY ttl \"1200\">".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, dtd.length);
            exchange.getResponseBody().write(dtd);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/DTD/WV-CSP.DTD";
            String withPublic = "<!DOCTYPE WV-CSP-Message PUBLIC \"-//OMA//DTD WV-CSP 1.2//EN\" \"" + url + "\">"
                    + keepAlive(NS12, "600");
            String withSystem = "<!DOCTYPE WV-CSP-Message SYSTEM \"" + url + "\">" + keepAlive(NS11, "600");
            assertEquals(CspVersion.V1_2, decode(withPublic).version());
            assertEquals(CspVersion.V1_1, decode(withSystem).version());

            // An entity the external DTD would declare stays undeclared: the DTD was not read.
            DecodeException e = refused("<!DOCTYPE WV-CSP-Message SYSTEM \"" + url + "\">" + keepAlive(NS12, "&ttl;"));
            assertEquals(Kind.MALFORMED, e.kind());
            assertEquals(CspVersion.V1_2, e.version());
            assertEquals(0, fetches.get(), "the decoder fetched the DTD");
        } finally {
            server.stop(0);
        }
    }

    static final String BILLION_LAUGHS = "<?xml version=\"1.0\"?><!DOCTYPE WV-CSP-Message ["
            + "<!ENTITY lol \"lol\">"
            + "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
            + "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
            + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
            + "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
            + "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"
            + "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
            + "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"
            + "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
            + "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">"
            + "]>" + keepAlive(NS12, "&lol9;");

    static final String XXE_BODY = "<WV-CSP-Message xmlns=\"" + NS12 + "\"><Session>" + INBAND
            + tx("<TransactionMode>Request</TransactionMode><TransactionID>4</TransactionID>",
            "<Login-Request><UserID>&xxe;</UserID></Login-Request>") + "</Session></WV-CSP-Message>";

    static String xxe(String systemId) {
        return "<?xml version=\"1.0\"?><!DOCTYPE WV-CSP-Message [<!ENTITY xxe SYSTEM \"" + systemId + "\">]>" + XXE_BODY;
    }

    @Test
    void hostileVectorsAreOtherwiseValidCsp() throws Exception {
        // Controls: without the DOCTYPE the same envelopes decode, so a refusal below is about the DTD.
        assertEquals("wv:alice", decode(XXE_BODY.replace("&xxe;", "wv:alice")).first().primitive().childText("UserID"));
        String laughs = BILLION_LAUGHS.substring(BILLION_LAUGHS.indexOf("]>") + 2);
        assertEquals("lol", decode(laughs.replace("&lol9;", "lol")).first().primitive().childText("TimeToLive"));
    }

    @Test
    void decoderRefusesBillionLaughsWithoutExpandingIt() {
        DecodeException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> refused(BILLION_LAUGHS));
        assertFalse(String.valueOf(e.getMessage()).contains("lollol"));
    }

    @Test
    void decoderRefusesXxeAndNeverRevealsTheFile(@TempDir Path dir) throws Exception {
        DecodeException passwd = refused(xxe("file:///etc/passwd"));
        assertFalse(String.valueOf(passwd.getMessage()).contains("root:"), passwd.getMessage());

        String marker = "TOP-SECRET-" + System.nanoTime();
        Path secret = Files.writeString(dir.resolve("secret.txt"), marker);
        String attack = xxe(secret.toUri().toString());
        // Control: a default, entity-expanding parser really leaks the file through this document.
        org.w3c.dom.Document leaked = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(attack.getBytes(StandardCharsets.UTF_8)));
        assertEquals(marker, leaked.getElementsByTagName("UserID").item(0).getTextContent());

        DecodeException e = refused(attack);
        assertFalse(String.valueOf(e.getMessage()).contains(marker));
        assertFalse(e.toString().contains(marker));
        assertFalse(String.valueOf(e.sessionId()).contains(marker));
        assertFalse(String.valueOf(e.transactionId()).contains(marker));
    }

    @Test
    void decoderRefusesInternalDtdSubsetAsMalformedCsp(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        for (String hostile : List.of(BILLION_LAUGHS, xxe("file:///etc/passwd"), xxe(secret.toUri().toString()))) {
            DecodeException e = refused(hostile);
            assertEquals(Kind.MALFORMED, e.kind(), e.getMessage());
            assertTrue(e.isCsp());
            assertEquals(CspVersion.V1_2, e.version(), "a Status 400 needs the request's version");
            assertFalse(e.getMessage().contains("TOP-SECRET"));
        }
        DecodeException notCsp = refused("<!DOCTYPE html [<!ENTITY x \"y\">]><html><body>&x;</body></html>");
        assertEquals(Kind.NOT_CSP, notCsp.kind(), "an internal subset on a foreign root is still not CSP");
    }

    @Test
    void decoderRefusesEntityDeclaredInAnExternalDtdFile(@TempDir Path dir) throws IOException {
        String marker = "TOP-SECRET-" + System.nanoTime();
        Path secret = Files.writeString(dir.resolve("secret.txt"), marker);
        Path dtd = Files.writeString(dir.resolve("evil.dtd"), "<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">");
        String xml = "<!DOCTYPE WV-CSP-Message SYSTEM \"" + dtd.toUri() + "\">" + keepAlive(NS12, "&xxe;");
        DecodeException e = refused(xml);
        assertEquals(Kind.MALFORMED, e.kind());
        assertEquals(CspVersion.V1_2, e.version());
        assertEquals("S-7f3a2c91", e.sessionId());
        assertEquals("4", e.transactionId());
        assertFalse(e.getMessage().contains(marker));
    }

    // ---------------------------------------------------------------- limits

    @Test
    void decoderAllowsExactlyMaxDepthAndRefusesOneLevelMore() throws Exception {
        String xml = keepAlive(NS12, "1200"); // deepest: WV-CSP-Message/Session/Transaction/TransactionContent/KeepAlive-Request/TimeToLive
        assertEquals("1200", new XmlDecoder(new XmlLimits(6, 4096, 65536))
                .decode(xml.getBytes(StandardCharsets.UTF_8)).first().primitive().childText("TimeToLive"));
        DecodeException e = refused(new XmlDecoder(new XmlLimits(5, 4096, 65536)), xml);
        assertEquals(Kind.MALFORMED, e.kind());
        assertEquals(CspVersion.V1_2, e.version());
        assertEquals("S-7f3a2c91", e.sessionId());
        assertEquals("4", e.transactionId());
    }

    @Test
    void decoderRefusesDeeplyNestedDocumentUnderDefaultLimits() {
        String deep = "<x>".repeat(200) + "</x>".repeat(200);
        DecodeException e = refused(envelope(NS13, INBAND,
                tx("<TransactionMode>Request</TransactionMode><TransactionID>2</TransactionID>", deep)));
        assertEquals(Kind.MALFORMED, e.kind());
        assertEquals(CspVersion.V1_3, e.version());
        assertEquals("2", e.transactionId());
    }

    @Test
    void decoderAllowsExactlyMaxElementsAndRefusesOneMore() throws Exception {
        String xml = keepAlive(NS12, "1200"); // 12 elements
        assertNotNull(new XmlDecoder(new XmlLimits(32, 12, 65536)).decode(xml.getBytes(StandardCharsets.UTF_8)));
        DecodeException e = refused(new XmlDecoder(new XmlLimits(32, 11, 65536)), xml);
        assertEquals(Kind.MALFORMED, e.kind());
        assertEquals(CspVersion.V1_2, e.version());
    }

    @Test
    void decoderRefusesTooManyElementsUnderDefaultLimits() {
        String wide = "<GetPresence-Request>" + "<UserID>wv:a</UserID>".repeat(5000) + "</GetPresence-Request>";
        DecodeException e = refused(envelope(NS12, INBAND,
                tx("<TransactionMode>Request</TransactionMode><TransactionID>3</TransactionID>", wide)));
        assertEquals(Kind.MALFORMED, e.kind());
        assertEquals("S-1", e.sessionId());
        assertEquals("3", e.transactionId());
    }

    @Test
    void decoderAllowsExactlyMaxTextLengthAndRefusesOneCharacterMore() throws Exception {
        String text100 = "x".repeat(100);
        String xml = keepAlive(NS12, text100);
        assertEquals(text100, new XmlDecoder(new XmlLimits(32, 4096, 100))
                .decode(xml.getBytes(StandardCharsets.UTF_8)).first().primitive().childText("TimeToLive"));
        DecodeException e = refused(new XmlDecoder(new XmlLimits(32, 4096, 99)), xml);
        assertEquals(Kind.MALFORMED, e.kind());
        assertEquals(CspVersion.V1_2, e.version());
    }

    @Test
    void decoderRefusesOverlongTextUnderDefaultLimits() {
        DecodeException e = refused(keepAlive(NS11, "y".repeat(XmlLimits.DEFAULT.maxTextLength() + 1)));
        assertEquals(Kind.MALFORMED, e.kind());
        assertEquals(CspVersion.V1_1, e.version());
    }

    // ---------------------------------------------------------------- malformed after the root

    @Test
    void decoderCapturesVersionSessionAndTransactionIdWhenXmlBreaksLater() {
        String xml = keepAlive(NS12, "1200");
        String truncated = xml.substring(0, xml.indexOf("<TimeToLive>") + 5);
        DecodeException e = refused(truncated);
        assertEquals(Kind.MALFORMED, e.kind());
        assertTrue(e.isCsp());
        assertEquals(CspVersion.V1_2, e.version());
        assertEquals("S-7f3a2c91", e.sessionId());
        assertEquals("4", e.transactionId());

        DecodeException mismatched = refused(xml.replace("</TimeToLive>", "</TimeToliv>"));
        assertEquals(Kind.MALFORMED, mismatched.kind());
        assertEquals("S-7f3a2c91", mismatched.sessionId());
        assertEquals("4", mismatched.transactionId());
    }

    @Test
    void decoderCapturesOnlyWhatWasReadBeforeTheXmlBroke() {
        String xml = keepAlive(NS13, "1200");
        DecodeException afterSession = refused(xml.substring(0, xml.indexOf("<TransactionID>") + 16));
        assertEquals(Kind.MALFORMED, afterSession.kind());
        assertEquals(CspVersion.V1_3, afterSession.version());
        assertEquals("S-7f3a2c91", afterSession.sessionId());
        assertNull(afterSession.transactionId());

        DecodeException afterRoot = refused(xml.substring(0, xml.indexOf("<SessionType>")) + "<<");
        assertEquals(Kind.MALFORMED, afterRoot.kind());
        assertEquals(CspVersion.V1_3, afterRoot.version());
        assertNull(afterRoot.sessionId());
        assertNull(afterRoot.transactionId());
    }

    // ---------------------------------------------------------------- not CSP / unsupported version

    @Test
    void decoderClassifiesForeignRootAsNotCsp() {
        DecodeException e = refused("<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>");
        assertEquals(Kind.NOT_CSP, e.kind());
        assertFalse(e.isCsp());
        assertNull(e.version());

        assertEquals(Kind.NOT_CSP, refused("<Session xmlns=\"" + NS12 + "\"/>").kind(),
                "a CSP namespace on another root is still not a WV-CSP-Message");
    }

    /** A WV-CSP-Message is CSP whatever its namespace: none is a 400, an unknown one a 505, both with the IDs read. */
    @Test
    void aRootWithoutAKnownNamespaceIsCspOfAnUnknownVersion() {
        String xml = keepAlive(NS12, "1200");
        DecodeException noNs = refused(xml.replace(" xmlns=\"" + NS12 + "\"", ""));
        assertEquals(Kind.MALFORMED, noNs.kind());
        assertTrue(noNs.isCsp());
        assertNull(noNs.version());
        assertEquals("S-7f3a2c91", noNs.sessionId());
        assertEquals("4", noNs.transactionId());
        DecodeException otherNs = refused(xml.replace(NS12, "urn:example:chat"));
        assertEquals(Kind.UNSUPPORTED_VERSION, otherNs.kind());
        assertEquals("S-7f3a2c91", otherNs.sessionId());
        DecodeException brokenWithoutNs = refused("<WV-CSP-Message><Session><oops></Session>");
        assertEquals(Kind.MALFORMED, brokenWithoutNs.kind());
        assertNull(brokenWithoutNs.version());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "hello", "{\"json\":true}", "<WV-CSP-Message"})
    void decoderClassifiesNonXmlAsNotCsp(String body) {
        DecodeException e = refused(body);
        assertEquals(Kind.NOT_CSP, e.kind());
        assertFalse(e.isCsp());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://www.openmobilealliance.org/DTD/WV-CSP1.4",
            "http://www.openmobilealliance.org/DTD/IMPS-CSP1.4", "http://www.wireless-village.org/CSP1.0"})
    void decoderReportsUnsupportedVersionWithTheIdsItRead(String namespace) {
        DecodeException e = refused(keepAlive(namespace, "1200"));
        assertEquals(Kind.UNSUPPORTED_VERSION, e.kind());
        assertTrue(e.isCsp());
        assertNull(e.version());
        assertEquals("S-7f3a2c91", e.sessionId());
        assertEquals("4", e.transactionId());
        assertFalse(e.getMessage().contains(namespace), "the namespace is not carried on");
    }

    // ---------------------------------------------------------------- missing envelope parts

    @Test
    void decoderRefusesMessageWithoutSession() {
        DecodeException e = refused("<WV-CSP-Message xmlns=\"" + NS12 + "\"><Sessions/></WV-CSP-Message>");
        assertEquals(Kind.MALFORMED, e.kind());
        assertEquals(CspVersion.V1_2, e.version());
    }

    @Test
    void decoderRefusesSessionWithoutSessionDescriptor() {
        DecodeException e = refused(envelope(NS12, "",
                tx("<TransactionMode>Request</TransactionMode><TransactionID>1</TransactionID>", "<Polling-Request/>")));
        assertEquals(Kind.MALFORMED, e.kind());
        assertEquals("1", e.transactionId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "<SessionType/>", "<SessionType>Sideband</SessionType>"})
    void decoderRefusesMissingOrInvalidSessionType(String sessionType) {
        DecodeException e = refused(envelope(NS12,
                "<SessionDescriptor>" + sessionType + "<SessionID>S-1</SessionID></SessionDescriptor>",
                tx("<TransactionMode>Request</TransactionMode><TransactionID>5</TransactionID>", "<Logout-Request/>")));
        assertEquals(Kind.MALFORMED, e.kind());
        assertEquals(CspVersion.V1_2, e.version());
        assertEquals("S-1", e.sessionId());
        assertEquals("5", e.transactionId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "<TransactionMode/>", "<TransactionMode>request</TransactionMode>"})
    void decoderRefusesMissingOrInvalidTransactionMode(String mode) {
        DecodeException e = refused(envelope(NS13, INBAND, tx(mode + "<TransactionID>6</TransactionID>", "<Logout-Request/>")));
        assertEquals(Kind.MALFORMED, e.kind());
        assertEquals(CspVersion.V1_3, e.version());
        assertEquals("S-1", e.sessionId());
        assertEquals("6", e.transactionId());
    }

    @Test
    void decoderRefusesSessionWithoutTransaction() {
        DecodeException e = refused(envelope(NS12, INBAND, ""));
        assertEquals(Kind.MALFORMED, e.kind());
        assertEquals("S-1", e.sessionId());
    }

    @Test
    void decoderRefusesTransactionWithoutDescriptor() {
        DecodeException e = refused(envelope(NS12, INBAND,
                "<Transaction><TransactionContent><Logout-Request/></TransactionContent></Transaction>"));
        assertEquals(Kind.MALFORMED, e.kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"<TransactionContent/>", "<TransactionContent>   </TransactionContent>",
            "<TransactionContent><Logout-Request/><Polling-Request/></TransactionContent>", ""})
    void decoderRefusesTransactionContentWithoutExactlyOnePrimitive(String content) {
        DecodeException e = refused(envelope(NS11, INBAND, "<Transaction><TransactionDescriptor>"
                + "<TransactionMode>Request</TransactionMode><TransactionID>8</TransactionID></TransactionDescriptor>"
                + content + "</Transaction>"));
        assertEquals(Kind.MALFORMED, e.kind());
        assertEquals(CspVersion.V1_1, e.version());
        assertEquals("S-1", e.sessionId());
        assertEquals("8", e.transactionId());
    }
}
