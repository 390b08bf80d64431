package imps.codec.xml;

import imps.TestData;
import imps.codec.xml.XmlReaders.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static imps.codec.xml.XmlReaders.plain;
import static imps.codec.xml.XmlReaders.stax;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plain reader against the StAX reader: whatever the plain reader accepts, the StAX reader must read
 * to the same element tree and message, or refuse with the same status, reason and echoed IDs. The
 * documents are the test vectors and many mutations of them, aimed at the constructs the plain reader
 * must either get right or give up on.
 */
class PlainXmlReaderTest {
    private static final XmlLimits LIMITS = XmlLimits.DEFAULT;
    private static final String[] INSERTS = {
        "<", ">", "&", "/", "\"", "'", ";", "#", "x", "]", "]]>", "\r", "\n", "\r\n", "\t", " ", "\u0000", "\u0001",
        "\u007f", ":", "=", "!", "?", "-", "&lt;", "&gt;", "&amp;", "&quot;", "&apos;", "&#65;", "&#x41;", "&#x0;",
        "&#xD800;", "&#xFFFE;", "&#1114111;", "&#x110000;", "&#X41;", "&#;", "&#x;", "&bogus;", "&lt", "<!-- c -->",
        "<![CDATA[x]]>", "<?pi x?>", "<a/>", "</a>", "<a>t</a>", " xmlns=\"\"", " a='1'", " a=\"1\" a=\"2\"", " a=\"<\"",
        " a=\"\t\"", " xmlns=\"http://www.w3.org/XML/1998/namespace\"", " p:a=\"1\"", "<p:a/>", "é", "€", "😀",
        "<!DOCTYPE WV-CSP-Message>", "<?xml version=\"1.0\"?>", "  ",
    };
    private static final byte[] BYTES = {
        (byte) 0x80, (byte) 0xBF, (byte) 0xC0, (byte) 0xC2, (byte) 0xC3, (byte) 0xE0, (byte) 0xED, (byte) 0xEF,
        (byte) 0xF0, (byte) 0xF4, (byte) 0xF5, (byte) 0xFE, (byte) 0xFF, 0, 9, 10, 13, 32, '<', '>', '&', '"', ']',
    };

    static Stream<Path> realClientRequests() {
        return TestData.allHttpRequests().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realClientRequests")
    void readsEveryRealClientRequestItselfAsTheStaxReaderDoes(Path file) throws Exception {
        byte[] body = TestData.body(file);
        Outcome plain = plain(body);
        assertTrue(plain != null, "the plain reader gave up on a real client's request");
        assertEquals(stax(body), plain);
    }

    @Test
    void readsTheWorkedExamplesAsTheStaxReaderDoesOrGivesUp() throws Exception {
        int read = 0;
        for (Path file : TestData.examples()) {
            byte[] body = TestData.bytes(file);
            Outcome plain = plain(body);
            if (plain != null) {
                read++;
                assertEquals(stax(body), plain, file.toString());
            }
        }
        assertTrue(read > TestData.examples().size() / 2, "read " + read + " of " + TestData.examples().size());
    }

    @Test
    void mutatedDocumentsAreReadAsTheStaxReaderReadsThemOrLeftToIt() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        TestData.allHttpRequests().forEach(f -> seeds.add(TestData.body(f)));
        TestData.examples().forEach(f -> seeds.add(TestData.bytes(f)));
        Random random = new Random(20261208);
        int read = 0;
        int refusedAlike = 0;
        int total = 0;
        for (byte[] seed : seeds) {
            for (int i = 0; i < 300; i++) {
                byte[] mutant = mutate(seed, random, 1 + random.nextInt(3));
                total++;
                Outcome plain = plain(mutant);
                if (plain == null) {
                    continue;
                }
                assertEquals(stax(mutant), plain, () -> new String(mutant, StandardCharsets.UTF_8));
                if (plain.refusal() == null) {
                    read++;
                } else {
                    refusedAlike++;
                }
            }
        }
        System.out.printf("%d mutants: %d read alike, %d refused alike, the rest left to the StAX reader%n", total, read,
                refusedAlike);
        // Both sides of the comparison must be exercised, or it proves nothing.
        assertTrue(read > total / 20, "read " + read + " of " + total);
        assertTrue(refusedAlike > total / 200, "refused alike " + refusedAlike + " of " + total);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<!DOCTYPE WV-CSP-Message PUBLIC \"-//OMA//DTD WV-CSP 1.2//EN\" \"http://www.openmobilealliance.org/DTD/WV-CSP.DTD\">",
        "<!-- a comment -->", "<?pi?>", "\uFEFF",
    })
    void leavesWhatComesBeforeTheRootToTheStaxReader(String prolog) throws Exception {
        byte[] body = (prolog + XmlDecoderTest.keepAlive(XmlDecoderTest.NS12, "60")).getBytes(StandardCharsets.UTF_8);
        assertEquals(null, plain(body));
        assertEquals("60", new XmlDecoder(LIMITS).decode(body).first().primitive().childText("TimeToLive"));
    }

    @Test
    void decodesReferencesUtf8AndLineEndsInText() throws Exception {
        String xml = "<?xml version='1.0' encoding='utf-8' standalone='yes'?>\r\n" + XmlDecoderTest.keepAlive(
                XmlDecoderTest.NS12, "\r\n 6&#48;&lt;&#x263A;é€😀\r\rx\t ");
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        Outcome plain = plain(body);
        assertEquals(stax(body), plain);
        assertEquals("60<\u263Aé€😀\n\nx", plain.message().first().primitive().childText("TimeToLive"));
    }

    @Test
    void keepsTextGatheredAroundChildElementsAsOneText() throws Exception {
        byte[] body = XmlDecoderTest.keepAlive(XmlDecoderTest.NS12, " a <b/> &amp; <c>d</c> e ")
                .getBytes(StandardCharsets.UTF_8);
        Outcome plain = plain(body);
        assertEquals(stax(body), plain);
        assertEquals("a  &  e", plain.root().children().get(0).children().get(1).children().get(1).children().get(0)
                .children().get(0).text());
    }

    @Test
    void limitsAreAppliedAsTheStaxReaderAppliesThem() throws Exception {
        XmlLimits tight = new XmlLimits(6, 11, 5);
        for (String text : List.of("12345", "123456", "  12345  ", "1&#50;345 ", "1234\r\n", "12345\r\n")) {
            byte[] body = XmlDecoderTest.keepAlive(XmlDecoderTest.NS12, text).getBytes(StandardCharsets.UTF_8);
            Outcome plain = plain(body, tight);
            assertEquals(stax(body, tight), plain, text);
        }
        Outcome tooMany = plain(XmlDecoderTest.keepAlive(XmlDecoderTest.NS12, "1").getBytes(StandardCharsets.UTF_8), tight);
        assertFalse(tooMany.refusal() == null, "11 elements allowed, the KeepAlive has 12");
    }

    private static byte[] mutate(byte[] seed, Random random, int edits) {
        byte[] doc = seed;
        for (int e = 0; e < edits; e++) {
            int at = random.nextBoolean() ? random.nextInt(doc.length + 1) : textPosition(doc, random);
            ByteArrayOutputStream out = new ByteArrayOutputStream(doc.length + 16);
            out.write(doc, 0, at);
            switch (random.nextInt(4)) {
                case 0 -> out.writeBytes(INSERTS[random.nextInt(INSERTS.length)].getBytes(StandardCharsets.UTF_8));
                case 1 -> {
                    out.write(BYTES[random.nextInt(BYTES.length)]);
                    at = Math.min(doc.length, at + 1);
                }
                case 2 -> at = Math.min(doc.length, at + 1 + random.nextInt(8));
                default -> out.writeBytes(INSERTS[random.nextInt(INSERTS.length)].getBytes(StandardCharsets.UTF_8));
            }
            out.write(doc, at, doc.length - at);
            doc = out.toByteArray();
        }
        return doc;
    }

    /** Just after a random '>': where text goes, which most edits there leave well-formed. */
    private static int textPosition(byte[] doc, Random random) {
        int at = random.nextInt(doc.length + 1);
        while (at < doc.length && doc[at] != '>') {
            at++;
        }
        return Math.min(doc.length, at + 1);
    }
}
