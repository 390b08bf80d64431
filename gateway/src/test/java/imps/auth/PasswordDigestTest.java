package imps.auth;

import imps.TestData;
import imps.codec.xml.XmlDecoder;
import imps.codec.xml.XmlLimits;
import imps.protocol.CspMessage;
import imps.protocol.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordDigestTest {
    private static final String NONCE = "b5f3c1e0a9d24e6f";

    @Test
    void md5DigestMatchesExamplesVector() {
        assertEquals("fvuaXWP98TYHCqEveeL/Mw==", PasswordDigest.digest("MD5", NONCE, "secret"));
    }

    @Test
    void shaDigestMatchesExamplesVector() {
        assertEquals("PAZ6DdKbQVwxLVdeCTKnbkEQ5Vc=", PasswordDigest.digest("SHA", NONCE, "secret"));
        assertEquals("PAZ6DdKbQVwxLVdeCTKnbkEQ5Vc=", PasswordDigest.digest("SHA-1", NONCE, "secret"));
        assertEquals("PAZ6DdKbQVwxLVdeCTKnbkEQ5Vc=", PasswordDigest.digest("sha1", NONCE, "secret"));
    }

    @Test
    void digestIsNonceFirstSoPasswordFirstDoesNotMatch() {
        // the worked examples' values (testdata/README.md) hashed password first give
        // rI6CZ9Waahc1v7Bc+/aifg==: never accepted
        assertEquals("rI6CZ9Waahc1v7Bc+/aifg==", PasswordDigest.digest("MD5", "secret", NONCE));
        assertFalse(PasswordDigest.matches("MD5", NONCE, "secret", "rI6CZ9Waahc1v7Bc+/aifg=="));
        assertNotEquals("rI6CZ9Waahc1v7Bc+/aifg==", PasswordDigest.digest("MD5", NONCE, "secret"));
    }

    @Test
    void matchesAcceptsTheRightDigestAndRejectsOthers() {
        assertTrue(PasswordDigest.matches("MD5", NONCE, "secret", "fvuaXWP98TYHCqEveeL/Mw=="));
        assertTrue(PasswordDigest.matches("MD5", NONCE, "secret", " fvuaXWP98TYHCqEveeL/Mw==\n"), "surrounding whitespace is trimmed");
        assertTrue(PasswordDigest.matches("SHA-1", NONCE, "secret", "PAZ6DdKbQVwxLVdeCTKnbkEQ5Vc="));
        assertFalse(PasswordDigest.matches("SHA", NONCE, "secret", "fvuaXWP98TYHCqEveeL/Mw=="), "MD5 bytes under SHA");
        assertFalse(PasswordDigest.matches("MD5", NONCE, "Secret", "fvuaXWP98TYHCqEveeL/Mw=="));
        assertFalse(PasswordDigest.matches("MD5", "b5f3c1e0a9d24e6e", "secret", "fvuaXWP98TYHCqEveeL/Mw=="));
        assertFalse(PasswordDigest.matches("MD5", NONCE, "secret", null));
        assertFalse(PasswordDigest.matches("MD5", NONCE, "secret", ""));
    }

    @Test
    void normalizeSchemaMapsAliasesAndRefusesUnknownSchemes() {
        assertEquals("SHA", PasswordDigest.normalizeSchema("SHA-1"));
        assertEquals("SHA", PasswordDigest.normalizeSchema("SHA"));
        assertEquals("SHA", PasswordDigest.normalizeSchema(" sha1 "));
        assertEquals("MD5", PasswordDigest.normalizeSchema("md5"));
        assertNull(PasswordDigest.normalizeSchema("PWD"));
        assertNull(PasswordDigest.normalizeSchema("MD4"));
        assertNull(PasswordDigest.normalizeSchema(null));
    }

    @ParameterizedTest
    @CsvSource({
            "csp1.1-4way, MD5", "csp1.2-4way, MD5", "csp1.3-4way, MD5",
            "csp1.1-4way-SHA, SHA", "csp1.2-4way-SHA, SHA", "csp1.3-4way-SHA, SHA"})
    void realClientDigestBytesMatchServerNonce(String folder, String schema) throws Exception {
        Path dir = TestData.realClientRequests().resolve(folder);
        String nonce = Files.readString(dir.resolve("server-nonce.txt")).trim();
        XmlDecoder decoder = new XmlDecoder(XmlLimits.DEFAULT);

        Element round1 = decoder.decode(TestData.body(dir.resolve("0001-A-C2S-Login-Request.http"))).first().primitive();
        assertTrue(round1.childTexts("DigestSchema").contains(schema), "round 1 offers " + schema);

        CspMessage round2 = decoder.decode(TestData.body(dir.resolve("0003-A-C2S-Login-Request.http")));
        Element login = round2.first().primitive();
        assertEquals("Login-Request", login.name());
        String digestBytes = login.childText("DigestBytes");
        assertEquals(PasswordDigest.digest(schema, nonce, "secret"), digestBytes);
        assertTrue(PasswordDigest.matches(schema, nonce, "secret", digestBytes));
        assertFalse(PasswordDigest.matches(schema, nonce, "wrong", digestBytes));
        String other = "MD5".equals(schema) ? "SHA" : "MD5";
        assertFalse(PasswordDigest.matches(other, nonce, "secret", digestBytes), "the scheme matters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"MD5", "SHA"})
    void digestUsesOneBytePerCharacterForLatin1Passwords(String schema) throws Exception {
        // ISO-8859-1: 'é' is the single byte 0xE9, not the two UTF-8 bytes
        String expected = java.util.Base64.getEncoder().encodeToString(
                java.security.MessageDigest.getInstance("MD5".equals(schema) ? "MD5" : "SHA-1")
                        .digest(new byte[]{'n', '1', 'p', (byte) 0xE9}));
        assertEquals(expected, PasswordDigest.digest(schema, "n1", "p\u00e9"));
    }
}
