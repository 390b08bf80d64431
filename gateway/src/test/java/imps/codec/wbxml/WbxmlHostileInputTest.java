package imps.codec.wbxml;

import imps.codec.DecodeException;
import imps.codec.DecodeException.Kind;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Hand-made hostile WBXML: truncated multi-byte integers, string-table offsets out of range, unknown
 * code pages and tokens, huge lengths, deep nesting and every other way a document can lie about
 * itself. Each is a {@link DecodeException} of the right kind (MALFORMED, answered with Status 400,
 * carrying what could be read for the echo), never another exception, never a large allocation.
 */
class WbxmlHostileInputTest {
    /** Header of CSP 1.2 (public ID 0x11, UTF-8, empty string table). */
    private static final String H12 = "03 11 6A 00";
    /** WV-CSP-Message with its 1.2 xmlns, Session, SessionDescriptor with SessionType Inband and SessionID "S-1". */
    private static final String OPEN = "C9 08 03 31 2E 32 00 01 6D 6E 70 80 11 01 6F 03 53 2D 31 00 01 01";
    /** Transaction, TransactionDescriptor (Request, TransactionID "9"), TransactionContent with xmlns. */
    private static final String TX = "72 74 76 80 20 01 75 03 39 00 01 01 F3 0A 03 31 2E 32 00 01";
    /** TransactionContent, Transaction, Session, WV-CSP-Message. */
    private static final String CLOSE = "01 01 01 01";
    private static final String KEEP_ALIVE = "00 01 5B 72 C3 02 04 B0 01 01 00 00";

    private final WbxmlDecoder decoder = new WbxmlDecoder(WbxmlLimits.DEFAULT);

    private static byte[] bytes(String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String p : parts) {
            byte[] b = WbxmlVectors.hex(p);
            out.write(b, 0, b.length);
        }
        return out.toByteArray();
    }

    /** A 1.2 KeepAlive-Request with {@code inside} in place of its content. */
    private static byte[] keepAlive(String inside) {
        return bytes(H12, OPEN, TX, "00 01 5B", inside, "01 00 00", CLOSE);
    }

    private DecodeException refused(byte[] body) {
        return assertThrows(DecodeException.class, () -> decoder.decode(body));
    }

    private DecodeException malformed(byte[] body, String reasonPart) {
        DecodeException e = refused(body);
        assertEquals(Kind.MALFORMED, e.kind(), e.getMessage());
        assertEquals(CspVersion.V1_2, e.version());
        assertTrue(e.getMessage().contains(reasonPart), e.getMessage());
        return e;
    }

    @Test
    void theWellFormedBaseDecodes() throws DecodeException {
        CspMessage m = decoder.decode(keepAlive("72 C3 02 04 B0 01"));
        assertEquals("1200", m.first().primitive().childText("TimeToLive"));
        assertEquals("S-1", m.sessionId());
    }

    /** What was read before the failure — version, Session-ID, Transaction-ID — goes back in the Status 400. */
    @Test
    void failureEchoesSessionAndTransaction() {
        DecodeException e = malformed(keepAlive("72 C3 09"), "opaque data of 9 bytes");
        assertEquals("S-1", e.sessionId());
        assertEquals("9", e.transactionId());
    }

    /** The document ends right after {@code tail}, inside KeepAlive-Request. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "72 80 81 | truncated multi-byte integer",
            "72 80 80 80 80 80 80 01 | longer than 5 bytes",
            "72 80 9F FF FF FF 7F | larger than 32 bits",
            "72 83 9F FF FF FF 7F | larger than 32 bits",
            "72 C3 | truncated",
            "72 C3 84 | truncated",
            "72 02 | truncated multi-byte integer",
            "72 03 31 32 | without its terminating NUL",
            "00 | truncated",
            "F2 | truncated"})
    void truncatedAndOversizedIntegers(String tail, String reason) {
        malformed(bytes(H12, OPEN, TX, "00 01 5B", tail), reason);
    }

    @Test
    void cutAtEveryByte() throws DecodeException {
        byte[] whole = keepAlive("72 C3 02 04 B0 01");
        decoder.decode(whole);
        for (int n = 0; n < whole.length; n++) {
            DecodeException e = refused(Arrays.copyOf(whole, n));
            // Until the public identifier has been read nothing says the document is CSP.
            assertEquals(n < 2 ? Kind.NOT_CSP : Kind.MALFORMED, e.kind(), "cut at " + n);
        }
    }

    @Test
    void stringTableOffsetsOutOfRange() {
        malformed(keepAlive("72 83 05 01"), "string-table offset 5 outside a table of 0 bytes");
        byte[] withTable = bytes("03 11 6A 03 61 62 63", OPEN, TX, "00 01 5B 72 83 01 01 01 00 00", CLOSE);
        malformed(withTable, "has no terminating NUL");
        byte[] literalTag = bytes("03 11 6A 02 61 00", OPEN, TX, "00 01 5B 44 07 01 01 00 00", CLOSE);
        malformed(literalTag, "string-table offset 7 outside");
        // A literal public identifier pointing outside the table: not CSP evidence, so the document is not CSP.
        assertEquals(Kind.NOT_CSP, refused(bytes("03 00 40 6A 02 61 00", OPEN, CLOSE)).kind());
    }

    @Test
    void unknownCodePagesAndTokens() {
        malformed(keepAlive("00 0C"), "unknown tag code page 12");
        malformed(keepAlive("00 FF"), "unknown tag code page 255");
        malformed(keepAlive("00 00 7E 01"), "unknown tag 0x3E on code page 0");
        // Token 0x2E of page 9 and value 0x92 are defined in no version.
        malformed(keepAlive("00 09 6E 01"), "unknown tag 0x2E on code page 9");
        malformed(keepAlive("72 80 81 12 01"), "unknown value token 0x92");
        malformed(keepAlive("72 80 8F FF FF FF 7F 01"), "unknown value token");
        for (String global : List.of("40", "41", "42", "81", "82", "C0", "C1", "C2")) {
            malformed(keepAlive("72 " + global + " 00 01"), "has no meaning in CSP");
        }
    }

    @Test
    void unknownAttributes() {
        malformed(keepAlive("F2 30 01 01"), "unknown attribute token 0x30");
        malformed(keepAlive("F2 85 01 01"), "unknown attribute token 0x85");
        malformed(keepAlive("F2 00 01 05 01 01"), "unknown attribute code page 1");
        malformed(keepAlive("F2 03 61 00 01 01"), "attribute value without an attribute");
    }

    @Test
    void hugeLengths() {
        malformed(keepAlive("72 C3 9F FF FF FF 7F 01"), "larger than 32 bits");
        malformed(keepAlive("72 C3 8F FF FF FF 7F 01"), "opaque data of 4294967295 bytes runs past the end of the document");
        malformed(keepAlive("72 03 61 00 83 8F FF FF FF 7F 01"), "string-table offset 4294967295 outside");
        malformed(bytes("03 11 6A 87 FF FF FF 7F"), "string table of 2147483647 bytes runs past");
        byte[] bigTable = new byte[20000];
        byte[] doc = bytes("03 11 6A 81 9C 20");
        doc = Arrays.copyOf(doc, doc.length + bigTable.length);
        malformed(doc, "string table of 20000 bytes is larger than 16384");
    }

    @Test
    void documentLargerThanTheLimit() {
        WbxmlDecoder small = new WbxmlDecoder(new WbxmlLimits(32, 4096, 65536, 16384, 32));
        DecodeException e = assertThrows(DecodeException.class, () -> small.decode(keepAlive("72 C3 02 04 B0 01")));
        assertEquals(Kind.MALFORMED, e.kind());
        assertTrue(e.getMessage().contains("larger than 32 bytes"), e.getMessage());
    }

    /** A million nested tags: refused at the depth limit, with no recursion to overflow. */
    @Test
    void deepNesting() {
        byte[] deep = new byte[1_000_000];
        Arrays.fill(deep, (byte) 0x72);
        byte[] head = bytes(H12, OPEN, TX, "00 01 5B");
        byte[] doc = Arrays.copyOf(head, head.length + deep.length);
        System.arraycopy(deep, 0, doc, head.length, deep.length);
        WbxmlDecoder roomy = new WbxmlDecoder(new WbxmlLimits(32, 4096, 65536, 16384, 2_000_000));
        DecodeException e = assertThrows(DecodeException.class, () -> roomy.decode(doc));
        assertTrue(e.getMessage().contains("nested too deeply"), e.getMessage());
        assertEquals("9", e.transactionId());
    }

    @Test
    void tooManyElementsAndTooMuchText() {
        StringBuilder siblings = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            siblings.append("32 ");
        }
        malformed(keepAlive(siblings.toString()), "too many elements");
        byte[] text = new byte[70000];
        Arrays.fill(text, (byte) 'x');
        WbxmlDecoder roomy = new WbxmlDecoder(new WbxmlLimits(32, 4096, 65536, 16384, 200_000));
        String pieces = "72 " + "03 78 78 78 00 ".repeat(22000) + "01";
        DecodeException many = assertThrows(DecodeException.class, () -> roomy.decode(keepAlive(pieces)));
        assertTrue(many.getMessage().contains("text content too long"), many.getMessage());
        byte[] one = bytes(H12, OPEN, TX, "00 01 5B 72 03");
        byte[] doc = Arrays.copyOf(one, one.length + text.length + 1);
        System.arraycopy(text, 0, doc, one.length, text.length);
        DecodeException e = assertThrows(DecodeException.class, () -> roomy.decode(doc));
        assertTrue(e.getMessage().contains("text content too long"), e.getMessage());
    }

    @Test
    void badCharacters() {
        malformed(keepAlive("72 03 C3 28 00 01"), "is not UTF-8");
        malformed(keepAlive("72 03 ED A0 80 00 01"), "is not UTF-8");
        malformed(keepAlive("72 02 00 01"), "character entity 0 is not a character");
        malformed(keepAlive("72 02 83 B0 00 01"), "character entity 55296 is not a character");
        malformed(keepAlive("72 02 C4 80 00 01"), "is not a character");
        // OPAQUE in an element that is neither integer nor date is UTF-8 text, strictly.
        malformed(keepAlive("00 00 4D C3 02 C3 28 01 00 01"), "is not UTF-8");
    }

    @Test
    void typedOpaqueOfTheWrongShape() {
        malformed(bytes(H12, OPEN, TX, "00 06 57 53 00 00 51 C3 05 1F 46 73 0E BB 01 01 01", CLOSE),
                "DateTime is not a 6-byte WBXML date-time");
        malformed(bytes(H12, OPEN, TX, "00 06 57 53 00 00 51 C3 06 1F 47 73 0E BB 5A 01 01 01", CLOSE),
                "DateTime is not a 6-byte WBXML date-time");
        malformed(bytes(H12, OPEN, TX, "71 6A 4B C3 05 01 02 03 04 05 01 01 01", CLOSE),
                "Code is an integer of more than 4 bytes");
    }

    @Test
    void structure() {
        malformed(bytes(H12, OPEN, TX, KEEP_ALIVE, CLOSE, "01"), "bytes after the end");
        malformed(bytes(H12, OPEN, TX, KEEP_ALIVE, CLOSE, "6D"), "bytes after the end");
        malformed(bytes(H12, OPEN, TX, KEEP_ALIVE, "01 01 01"), "truncated");
        malformed(bytes("03 11 6A 05 61 3E 3C 62 00", OPEN, TX, "00 01 5B 04 00 01 00 00", CLOSE),
                "literal tag name is not an XML name");
        malformed(bytes("03 11 04 00", OPEN, TX, KEEP_ALIVE, CLOSE), "charset 4 is not supported");
        malformed(bytes(H12, OPEN, TX, "00 01 5B 01 00 00 01 01", CLOSE), "");
    }

    /** The envelope rules of the XML decoder hold for WBXML too. */
    @Test
    void envelope() {
        malformed(bytes(H12, "C9 08 03 31 2E 32 00 01 6D 6E 70 03 46 6F 6F 00 01 01", TX, KEEP_ALIVE, CLOSE),
                "SessionType must be Inband or Outband");
        malformed(bytes(H12, OPEN, "01 01"), "no Transaction");
        malformed(bytes(H12, "49 6D 01 01"), "SessionDescriptor missing");
        malformed(bytes(H12, OPEN, "72 74 76 03 41 73 6B 00 01 01 F3 0A 03 31 2E 32 00 01", KEEP_ALIVE, CLOSE),
                "TransactionMode must be Request or Response");
        malformed(bytes(H12, OPEN, TX, "00 01 1B 1B 00 00", CLOSE), "TransactionContent must hold exactly one primitive");
        malformed(bytes(H12, OPEN, "72 F3 0A 03 31 2E 32 00 01", KEEP_ALIVE, CLOSE), "TransactionDescriptor missing");
    }

    @Test
    void notCspOrForeign() {
        assertEquals(Kind.NOT_CSP, refused(new byte[0]).kind());
        assertEquals(Kind.NOT_CSP, refused("<?xml version=\"1.0\"?><a/>".getBytes(StandardCharsets.UTF_8)).kind());
        assertEquals(Kind.NOT_CSP, refused(bytes("04 11 6A 00", OPEN, CLOSE)).kind());
        // Session as the root element.
        assertEquals(Kind.NOT_CSP, refused(bytes(H12, "6D 01")).kind());
        // No public identifier CSP knows and no namespace.
        assertEquals(Kind.NOT_CSP, refused(bytes("03 01 6A 00 49 6D 01 01")).kind());
        // SyncML's public identifier and a non-CSP namespace.
        assertEquals(Kind.NOT_CSP, refused(bytes("03 01 6A 00 C9 04 00 03 75 72 6E 3A 78 00 01 01", "")).kind());
        DecodeException wv10 = refused(bytes("03 0F 6A 00 49 6D 01 01"));
        assertEquals(Kind.UNSUPPORTED_VERSION, wv10.kind());
        DecodeException ns14 = refused(bytes("03 12 6A 00 C9 0B 03 31 2E 34 00 01 6D 01 01"));
        assertEquals(Kind.UNSUPPORTED_VERSION, ns14.kind());
        assertNull(ns14.version());
        assertFalse(ns14.getMessage().contains("1.4"), "the namespace is not carried on");
    }

    /**
     * Every message of the test vectors, encoded and then damaged at random (bytes changed, inserted,
     * removed, cut): the parser ends in a message or a syntax/decode error, never in any other
     * exception, so the safety net of the decoder is never what answers.
     */
    @Test
    void damagedDocumentsNeverEscapeAsOtherExceptions() {
        WbxmlEncoder encoder = new WbxmlEncoder();
        List<byte[]> documents = new ArrayList<>();
        for (Path file : WbxmlVectors.xmlMessages()) {
            documents.add(encoder.encode(WbxmlVectors.xml(WbxmlVectors.body(file))));
        }
        Random random = new Random(20240315L);
        for (int i = 0; i < 30_000; i++) {
            byte[] doc = damage(documents.get(random.nextInt(documents.size())), random);
            try {
                new WbxmlParser(doc, WbxmlLimits.DEFAULT, new DecodeContext()).document();
            } catch (WbxmlSyntaxException | DecodeException expected) {
                // the answer a damaged document deserves
            } catch (RuntimeException e) {
                fail("damaged document " + java.util.HexFormat.of().formatHex(doc) + " raised " + e, e);
            }
        }
    }

    private static byte[] damage(byte[] doc, Random random) {
        byte[] d = doc.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && d.length > 0; e++) {
            int at = random.nextInt(d.length);
            switch (random.nextInt(4)) {
                case 0 -> d[at] = (byte) random.nextInt(256);
                case 1 -> {
                    byte[] longer = new byte[d.length + 1];
                    System.arraycopy(d, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(d, at, longer, at + 1, d.length - at);
                    d = longer;
                }
                case 2 -> {
                    byte[] shorter = new byte[d.length - 1];
                    System.arraycopy(d, 0, shorter, 0, at);
                    System.arraycopy(d, at + 1, shorter, at, d.length - at - 1);
                    d = shorter;
                }
                default -> d = Arrays.copyOf(d, at);
            }
        }
        return d;
    }
}
