package imps.codec.wbxml;

import imps.codec.DecodeException;
import imps.codec.xml.XmlDecoder;
import imps.codec.xml.XmlEncoder;
import imps.codec.xml.XmlLimits;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.SessionType;
import imps.protocol.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every XML message of the test vectors — worked examples, the real client's requests, and the
 * requests and answers recorded from the gateway's own HTTP tests (testdata/wbxml/gateway) — put into
 * each CSP version, encoded as WBXML and decoded again gives the same message as the XML codec's own
 * round trip: for the session core the two syntaxes are the same.
 */
class WbxmlRoundTripTest {
    private static final String SID = "S-7f3a2c91";
    private final WbxmlDecoder decoder = new WbxmlDecoder(WbxmlLimits.DEFAULT);
    private final WbxmlEncoder encoder = new WbxmlEncoder();
    private final XmlDecoder xmlDecoder = new XmlDecoder(XmlLimits.DEFAULT);
    private final XmlEncoder xmlEncoder = new XmlEncoder();

    static List<Path> messages() {
        return WbxmlVectors.xmlMessages();
    }

    static CspMessage inVersion(CspMessage m, CspVersion v) {
        return new CspMessage(v, m.sessionType(), m.sessionId(), m.transactions(), m.poll(), m.cirFlag());
    }

    private CspMessage roundTrip(CspMessage m) throws DecodeException {
        return decoder.decode(encoder.encode(m));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void sameAsTheXmlRoundTripInEveryVersion(Path file) throws DecodeException {
        CspMessage original = WbxmlVectors.xml(WbxmlVectors.body(file));
        for (CspVersion v : CspVersion.values()) {
            CspMessage m = inVersion(original, v);
            CspMessage viaXml = xmlDecoder.decode(xmlEncoder.encode(m));
            assertEquals(viaXml, roundTrip(m), v.label() + " " + file.getFileName());
        }
    }

    /** The string table of an encoded message (its length fits one byte in these tests). */
    private static String stringTable(byte[] wbxml) {
        return new String(wbxml, 4, wbxml[3], StandardCharsets.UTF_8);
    }

    /**
     * In its own version a message needs the string table only for what the version has no token for:
     * here the requests the gateway's tests send on purpose in a version without them (1.2+ and 1.3
     * primitives), UserIDList, which only the 1.3 tables have, and the made-up element of the nesting
     * test. Everything else the gateway sends and receives has a token.
     */
    @Test
    void ownVersionUsesLiteralsOnlyForWhatItHasNoTokenFor() {
        Set<String> literals = new TreeSet<>();
        for (Path file : messages()) {
            CspMessage m = WbxmlVectors.xml(WbxmlVectors.body(file));
            String table = stringTable(encoder.encode(m));
            for (String name : table.split("\0")) {
                if (!name.isEmpty()) {
                    literals.add(m.version().label() + " " + name);
                }
            }
        }
        assertEquals(Set.of("1.1 GetReactiveAuthStatus-Request", "1.2 SubscribeNotification-Request",
                "1.2 NotificationTypeList", "1.2 NotificationType", "1.2 UserIDList", "1.2 a"), literals);
    }

    @Test
    void recordedGatewayMessagesCoverEveryVersion() {
        List<Path> recorded = WbxmlVectors.files(WbxmlVectors.dir("gateway"), ".xml");
        for (CspVersion v : CspVersion.values()) {
            assertTrue(recorded.stream().filter(p -> p.getFileName().toString().startsWith(v.label() + "-")).count() > 20,
                    v.label());
        }
    }

    private static CspMessage request(CspVersion v, Element primitive) {
        return CspMessage.of(v, SID, Transaction.request("7", primitive));
    }

    /** A name the version has no token for (a vendor extension, or a 1.3 element in 1.1) goes LITERAL through the string table. */
    @Test
    void unknownElementsGoThroughTheStringTable() throws DecodeException {
        Element primitive = Element.builder("UpdatePresence-Request")
                .add(Element.of("PresenceSubList", Element.of("ClientInfo", Element.leaf("ClientTypeDetail", "Phone"),
                        Element.leaf("ClientTypeDetail", "Tablet"), Element.empty("VendorFlag"))))
                .leaf("UDPAddress", "192.0.2.7")
                .build();
        for (CspVersion v : CspVersion.values()) {
            CspMessage m = request(v, primitive);
            byte[] wbxml = encoder.encode(m);
            String table = stringTable(wbxml);
            assertTrue(table.startsWith("ClientTypeDetail\0VendorFlag\0"), table);
            assertEquals(v != CspVersion.V1_3, table.contains("UDPAddress\0"), v.label());
            assertEquals(m, roundTrip(m));
        }
    }

    @Test
    void textForms() throws DecodeException {
        Element primitive = Element.builder("SendMessage-Request")
                .add(Element.builder("MessageInfo").leaf("ContentType", "text/plain").leaf("ContentSize", "007")
                        .leaf("DateTime", "20240315T0907Z").leaf("Validity", "4294967296").build())
                .leaf("ContentData", "caf\u00e9 \u20ac \uD83D\uDE00 <&> T")
                .build();
        CspMessage m = request(CspVersion.V1_2, primitive);
        assertEquals(m, roundTrip(m));
        String hex = HexFormat.of().formatHex(encoder.encode(m));
        // ContentType is the value token text/plain (0x28); the non-canonical integers and the date without seconds stay strings.
        assertTrue(hex.contains("508028"), hex);
        assertTrue(hex.contains("4f0330303700"), hex);
    }

    /** NUL cannot travel in WBXML and a lone surrogate is no character: both are left out, like XML leaves out what it cannot carry. */
    @Test
    void charactersWbxmlCannotCarry() throws DecodeException {
        CspMessage m = request(CspVersion.V1_3, Element.of("SendMessage-Request", Element.leaf("ContentData", "a\u0000b\uD800c")));
        assertEquals("abc", roundTrip(m).first().primitive().childText("ContentData"));
    }

    @Test
    void emptyElementsHaveNoContentBit() {
        CspMessage m = request(CspVersion.V1_3, Element.empty("Polling-Request"));
        String hex = HexFormat.of().formatHex(encoder.encode(m));
        assertTrue(hex.endsWith("00012201010101"), hex);
    }

    /** 1.1 writes Poll in the TransactionDescriptor and no CIR flag; 1.2 and 1.3 both at Session level. */
    @Test
    void pollAndCirFlags() throws DecodeException {
        Element status = Element.of("Status", Element.of("Result", Element.leaf("Code", "200")));
        for (CspVersion v : CspVersion.values()) {
            CspMessage m = new CspMessage(v, SessionType.INBAND, SID, List.of(Transaction.response("3", status)), true, true);
            CspMessage back = roundTrip(m);
            assertEquals(true, back.poll(), v.label());
            assertEquals(v.hasCirFlag() ? Boolean.TRUE : null, back.cirFlag(), v.label());
        }
    }
}
