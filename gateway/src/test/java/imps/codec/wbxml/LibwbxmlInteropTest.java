package imps.codec.wbxml;

import imps.codec.DecodeException;
import imps.codec.xml.XmlDecoder;
import imps.codec.xml.XmlEncoder;
import imps.codec.xml.XmlLimits;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.Transaction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The codec against an independent implementation, Debian's libwbxml (xml2wbxml and wbxml2xml, with
 * their own WV-CSP tables), for every message of the test vectors — the gateway's requests and answers
 * for every primitive it implements, the worked examples, the real client's requests — in CSP 1.1 and
 * 1.2, the versions libwbxml knows:
 * <ul>
 * <li>what the gateway encodes, libwbxml decodes to the XML the XML encoder writes for the same message
 * (compared as element trees);</li>
 * <li>what libwbxml encodes from that XML, the gateway decodes to the message the XML decoder gives.</li>
 * </ul>
 * Where libwbxml's tables are incomplete or spell a name its own way ({@link Libwbxml#LACKS} and its
 * neighbours), the comparison says so explicitly instead of leaving the message out. Skipped only when
 * the tools are not installed (.ci/run installs them).
 */
class LibwbxmlInteropTest {
    private static final List<CspVersion> LIBWBXML_VERSIONS = List.of(CspVersion.V1_1, CspVersion.V1_2);

    @TempDir
    static Path dir;

    private final WbxmlEncoder encoder = new WbxmlEncoder();
    private final WbxmlDecoder decoder = new WbxmlDecoder(WbxmlLimits.DEFAULT);
    private final XmlEncoder xmlEncoder = new XmlEncoder();
    private final XmlDecoder xmlDecoder = new XmlDecoder(XmlLimits.DEFAULT);

    @BeforeAll
    static void toolsPresent() {
        assumeTrue(Libwbxml.installed(), "libwbxml2-utils (xml2wbxml, wbxml2xml) not installed");
    }

    static List<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (Path file : WbxmlVectors.xmlMessages()) {
            for (CspVersion v : LIBWBXML_VERSIONS) {
                all.add(Arguments.of(file.getFileName().toString(), file, v));
            }
        }
        return all;
    }

    private static CspMessage message(Path file, CspVersion v) {
        return WbxmlRoundTripTest.inVersion(WbxmlVectors.xml(WbxmlVectors.body(file)), v);
    }

    @ParameterizedTest(name = "{0} in {2}")
    @MethodSource("cases")
    void gatewayEncodesWhatLibwbxmlDecodes(String name, Path file, CspVersion v) {
        CspMessage m = message(file, v);
        byte[] wbxml = encoder.encode(m);
        Libwbxml.Run run = Libwbxml.wbxml2xml(dir, v == CspVersion.V1_2 ? withLiteralPublicId(wbxml) : wbxml);
        assertNotNull(run.output(), run.messages());
        assertEquals(asLibwbxmlReadsIt(Libwbxml.tree(xmlEncoder.encode(m)), CspVocabulary.of(v)), Libwbxml.tree(run.output()),
                run.messages());
    }

    @ParameterizedTest(name = "{0} in {2}")
    @MethodSource("cases")
    void gatewayDecodesWhatLibwbxmlEncodes(String name, Path file, CspVersion v) throws DecodeException {
        CspMessage m = message(file, v);
        byte[] xml = Libwbxml.withDoctype(xmlEncoder.encode(m), v);
        Libwbxml.Run run = Libwbxml.xml2wbxml(dir, xml);
        if (run.output() == null) {
            // libwbxml writes no string table for WV-CSP, so an element it has no token for stops it.
            assertTrue(run.messages().contains("can't encode Literal"), run.messages());
            assertTrue(hasElementLibwbxmlLacks(m.first().primitive()), "libwbxml failed on " + name + ": " + run.messages());
            return;
        }
        CspMessage expected = xmlDecoder.decode(xml);
        if (v == CspVersion.V1_1) {
            expected = renamed(expected, Libwbxml.NAME_1_1);
        }
        assertEquals(expected, decoder.decode(run.output()));
    }

    /** An element that neither CSP 1.1 nor 1.2 has a token for, or one libwbxml's table lacks. */
    private static boolean hasElementLibwbxmlLacks(Element e) {
        boolean lacking = Libwbxml.LACKS.contains(e.name())
                || (CspVocabulary.of(CspVersion.V1_1).encoding(e.name()) < 0 && CspVocabulary.of(CspVersion.V1_2).encoding(e.name()) < 0);
        return lacking || e.children().stream().anyMatch(LibwbxmlInteropTest::hasElementLibwbxmlLacks);
    }

    /**
     * The tree as libwbxml reads what the gateway wrote in a version: its own spelling of the two
     * names where the gateway wrote their tokens, and no text where the gateway wrote a value token
     * libwbxml lacks (where the gateway wrote a name or a text inline, libwbxml reads it as it is).
     */
    private static Element asLibwbxmlReadsIt(Element e, CspVocabulary written) {
        String name = written.encoding(e.name()) >= 0 ? Libwbxml.SPELLING.getOrDefault(e.name(), e.name()) : e.name();
        Element.Builder b = Element.builder(name);
        if (e.text() != null && !(Libwbxml.VALUES_LACKING.contains(e.text()) && written.valueCode(e.text()) >= 0)) {
            b.text(e.text());
        }
        e.children().forEach(c -> b.add(asLibwbxmlReadsIt(c, written)));
        return b.build();
    }

    private static CspMessage renamed(CspMessage m, Map<String, String> names) {
        List<Transaction> txs = m.transactions().stream()
                .map(t -> new Transaction(t.mode(), t.transactionId(), renamed(t.primitive(), names))).toList();
        return new CspMessage(m.version(), m.sessionType(), m.sessionId(), txs, m.poll(), m.cirFlag());
    }

    private static Element renamed(Element e, Map<String, String> names) {
        Element.Builder b = Element.builder(names.getOrDefault(e.name(), e.name())).text(e.text());
        e.children().forEach(c -> b.add(renamed(c, names)));
        return b.build();
    }

    /**
     * libwbxml does not know the numeric public identifier 0x11 of CSP 1.2, only the literal one: the
     * header is rewritten to name it in the string table, appended after the gateway's own entries so
     * that their offsets stay as they are.
     */
    static byte[] withLiteralPublicId(byte[] wbxml) {
        WbxmlInput in = new WbxmlInput(wbxml);
        try {
            in.readByte();
            in.readMbUInt32();
            in.readMbUInt32();
            int tableLength = in.readLength("string table");
            int tableStart = in.position();
            byte[] id = "-//OMA//DTD WV-CSP 1.2//EN\0".getBytes(StandardCharsets.US_ASCII);
            WbxmlOutput out = new WbxmlOutput(wbxml.length + id.length + 8);
            out.write(GlobalTokens.WBXML_VERSION);
            out.write(0);
            out.writeMbUInt32(tableLength);
            out.writeMbUInt32(GlobalTokens.UTF_8);
            out.writeMbUInt32(tableLength + id.length);
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            rest.write(wbxml, tableStart, tableLength);
            rest.write(id, 0, id.length);
            rest.write(wbxml, tableStart + tableLength, wbxml.length - tableStart - tableLength);
            out.write(rest.toByteArray());
            byte[] result = new byte[out.size()];
            out.writeTo(result, 0);
            return result;
        } catch (WbxmlSyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
