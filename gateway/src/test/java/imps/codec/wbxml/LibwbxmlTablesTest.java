package imps.codec.wbxml;

import imps.protocol.CspVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The token tables against libwbxml's own WV-CSP tables, entry by entry, for CSP 1.1 and 1.2: every
 * element name and every value the gateway has a token for, written by xml2wbxml, gets exactly the
 * gateway's code page and token — except where libwbxml has no token, which is checked to be exactly
 * {@link Libwbxml#LACKS} and {@link Libwbxml#VALUES_LACKING}.
 */
class LibwbxmlTablesTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void toolsPresent() {
        assumeTrue(Libwbxml.installed(), "libwbxml2-utils (xml2wbxml, wbxml2xml) not installed");
    }

    /** The names or values of a table that version {@code v} has, sorted. */
    private static List<String> entries(List<CspTokens.Span> table, CspVersion v) {
        TreeSet<String> names = new TreeSet<>();
        for (CspTokens.Span s : table) {
            if (s.covers(v)) {
                names.addAll(s.names());
            }
        }
        return new ArrayList<>(names);
    }

    private static Libwbxml.Run encode(CspVersion v, String body) {
        byte[] xml = ("<?xml version=\"1.0\"?><WV-CSP-Message>" + body + "</WV-CSP-Message>").getBytes(StandardCharsets.UTF_8);
        return Libwbxml.xml2wbxml(dir, Libwbxml.withDoctype(xml, v));
    }

    /** The body of a WBXML document after the header and the string table. */
    private static WbxmlInput body(byte[] wbxml) throws WbxmlSyntaxException {
        WbxmlInput in = new WbxmlInput(wbxml);
        in.readByte();
        if (in.readMbUInt32() == 0) {
            in.readMbUInt32();
        }
        in.readMbUInt32();
        in.stringTable(in.readLength("string table"));
        return in;
    }

    @ParameterizedTest
    @EnumSource(value = CspVersion.class, names = {"V1_1", "V1_2"})
    void tagTokens(CspVersion v) throws WbxmlSyntaxException {
        CspVocabulary vocabulary = CspVocabulary.of(v);
        List<String> names = new ArrayList<>();
        TreeSet<String> lacking = new TreeSet<>();
        for (String name : entries(CspTokens.TAGS, v)) {
            if (name.equals("WV-CSP-Message")) {
                continue;
            }
            if (encode(v, "<" + name + "/>").output() == null) {
                lacking.add(name);
            } else {
                names.add(name);
            }
        }
        assertEquals(new TreeSet<>(Libwbxml.LACKS.stream().filter(n -> vocabulary.encoding(n) >= 0).toList()), lacking);
        StringBuilder body = new StringBuilder();
        names.forEach(n -> body.append('<').append(n).append("/>"));
        Libwbxml.Run run = encode(v, body.toString());
        assertNotNull(run.output(), run.messages());
        WbxmlInput in = body(run.output());
        in.readByte();
        int page = 0;
        Map<String, String> differences = new TreeMap<>();
        for (String name : names) {
            int t = in.readByte();
            if (t == GlobalTokens.SWITCH_PAGE) {
                page = in.readByte();
                t = in.readByte();
            }
            int ours = vocabulary.encoding(name) & 0xFFFF;
            if (ours != (page << 8 | t)) {
                differences.put(name, String.format("gateway %04X, libwbxml %04X", ours, page << 8 | t));
            }
        }
        assertEquals(Map.of(), differences);
    }

    @ParameterizedTest
    @EnumSource(value = CspVersion.class, names = {"V1_1", "V1_2"})
    void valueTokens(CspVersion v) throws WbxmlSyntaxException {
        CspVocabulary vocabulary = CspVocabulary.of(v);
        List<String> texts = entries(CspTokens.VALUES, v);
        StringBuilder body = new StringBuilder();
        texts.forEach(t -> body.append("<Name>").append(t.replace("&", "&amp;")).append("</Name>"));
        Libwbxml.Run run = encode(v, body.toString());
        assertNotNull(run.output(), run.messages());
        WbxmlInput in = body(run.output());
        in.readByte();
        Map<String, String> differences = new TreeMap<>();
        TreeSet<String> lacking = new TreeSet<>();
        for (String text : texts) {
            assertEquals(0x5E, in.readByte());
            int t = in.readByte();
            if (t == GlobalTokens.STR_I) {
                assertEquals(text, in.readInlineString(1000));
                lacking.add(text);
            } else {
                assertEquals(GlobalTokens.EXT_T_0, t);
                long token = in.readMbUInt32();
                if (token != vocabulary.valueCode(text)) {
                    differences.put(text, "gateway " + vocabulary.valueCode(text) + ", libwbxml " + token);
                }
            }
            assertEquals(GlobalTokens.END, in.readByte());
        }
        assertEquals(Map.of(), differences);
        assertEquals(new TreeSet<>(Libwbxml.VALUES_LACKING.stream().filter(x -> vocabulary.valueCode(x) >= 0).toList()), lacking);
    }
}
