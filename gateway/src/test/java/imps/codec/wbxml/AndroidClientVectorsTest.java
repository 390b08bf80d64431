package imps.codec.wbxml;

import imps.codec.DecodeException;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WBXML from a real client: the byte vectors of the Android IMPS client's own WBXML library tests
 * (aosp-mirror/platform_packages_apps_im, libwbxml/test/imps_parser_test.cpp and
 * imps_encoder_test.cpp; copied as data into testdata/wbxml/android, see its README). They are what
 * that client's encoder writes and what its parser accepts: a 1.1 server's 4-way challenge, a 1.2
 * capability request, a 1.2 SendMessage-Request with a character entity, a 1.3 Status with
 * DetailedResults, and fragments for integers, dates, literals and entities.
 */
class AndroidClientVectorsTest {
    private final WbxmlDecoder decoder = new WbxmlDecoder(WbxmlLimits.DEFAULT);
    private final WbxmlEncoder encoder = new WbxmlEncoder();

    private static byte[] vector(String name) {
        return WbxmlVectors.hex(WbxmlVectors.dir("android").resolve(name + ".hex"));
    }

    private static CspMessage xml(String name) {
        return WbxmlVectors.xml(WbxmlVectors.dir("android").resolve(name + ".xml"));
    }

    private static Element tree(String name) throws Exception {
        return new WbxmlParser(vector(name), WbxmlLimits.DEFAULT, new DecodeContext()).document();
    }

    @ParameterizedTest
    @ValueSource(strings = {"loginresponse-1.1", "cap-request-1.2", "sendmsgreq-1.2", "statusprim-1.3"})
    void decodesToWhatTheXmlDecoderGivesForTheSameMessage(String name) throws DecodeException {
        assertEquals(xml(name), decoder.decode(vector(name)));
    }

    /** The vectors the client's encoder test expects from the same XML: the gateway writes the very same bytes. */
    @ParameterizedTest
    @ValueSource(strings = {"cap-request-1.2", "statusprim-1.3"})
    void encodesTheSameBytesAsTheClientsEncoder(String name) {
        assertEquals(HexFormat.of().formatHex(vector(name)), HexFormat.of().formatHex(encoder.encode(xml(name))));
    }

    /** The client's 1.2 SendMessage-Request carries public identifier 0x10 (1.1) and the 1.2 namespace: the namespace decides. */
    @Test
    void namespaceWinsOverPublicIdentifier() throws DecodeException {
        CspMessage m = decoder.decode(vector("sendmsgreq-1.2"));
        assertEquals(CspVersion.V1_2, m.version());
        assertEquals("Today \u00A0Today", m.first().primitive().childText("ContentData"));
        assertEquals("20070625T055652Z", m.first().primitive().child("MessageInfo").childText("DateTime"));
    }

    @Test
    void integersAndDates() throws Exception {
        Element session = tree("integer-1.2").child("Session");
        assertEquals("9527", session.childText("ClientID"));
        assertEquals("401", session.child("Result").childText("Code"));
        assertEquals("4294967295", session.childText("ContentSize"));
        // libwbxml writes 0 as an empty OPAQUE, Android as one zero byte: both are 0.
        assertEquals("0", session.childText("MessageCount"));
        Element dated = tree("datetime-1.2").child("Session");
        assertEquals("20010925T165859Z", dated.childText("DateTime"));
        assertEquals("20010925T165859Z", dated.childText("DeliveryTime"));
    }

    /** LITERAL, LITERAL_C, LITERAL_A, LITERAL_AC tags, a literal attribute and STR_T, all through the string table. */
    @Test
    void literalTagsAndStringTable() throws Exception {
        Element root = tree("literal-1.1");
        assertEquals(List.of("sometag", "metag", "tag"), root.children().stream().map(Element::name).toList());
        assertEquals("someMoreTag", root.child("sometag").child("Session").children().get(0).name());
        DecodeException e = assertThrows(DecodeException.class, () -> decoder.decode(vector("literal-1.1")));
        assertEquals(DecodeException.Kind.MALFORMED, e.kind());
        assertEquals("Session missing", e.getMessage());
    }

    @Test
    void entities() throws Exception {
        assertEquals(new String(Character.toChars(0x10FFFF)),
                tree("big-entity-1.1").child("Session").child("SessionDescriptor").childText("SessionType"));
        for (String bad : List.of("invalid-entity-1.1", "incomplete-str-i-1.1")) {
            DecodeException e = assertThrows(DecodeException.class, () -> decoder.decode(vector(bad)));
            assertEquals(DecodeException.Kind.MALFORMED, e.kind(), bad);
            assertEquals(CspVersion.V1_1, e.version(), bad);
            assertTrue(e.getMessage().startsWith("WBXML not understood"), e.getMessage());
        }
    }
}
