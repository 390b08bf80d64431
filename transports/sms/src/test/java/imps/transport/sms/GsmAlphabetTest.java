package imps.transport.sms;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GsmAlphabetTest {

    @Test
    void defaultAlphabetCharactersHaveTheirTableCodes() {
        assertArrayEquals(new byte[] {0x00, 0x01, 0x02, 0x03, 0x10, 0x11, 0x1F, 0x24, 0x40, 0x5F, 0x60, 0x7F},
                GsmAlphabet.encode("@£$¥Δ_É¤¡§¿à"));
        assertArrayEquals(new byte[] {0x57, 0x56, 0x43, 0x49, 0x20, 0x31, 0x2E, 0x32, 0x0A, 0x0D},
                GsmAlphabet.encode("WVCI 1.2\n\r"));
    }

    @Test
    void extensionCharactersAreEscaped() {
        assertArrayEquals(new byte[] {0x1B, 0x65, 0x1B, 0x3C, 0x1B, 0x3E, 0x1B, 0x28, 0x1B, 0x29, 0x1B, 0x2F,
                        0x1B, 0x14, 0x1B, 0x3D, 0x1B, 0x40, 0x1B, 0x0A},
                GsmAlphabet.encode("€[]{}\\^~|\f"));
    }

    @Test
    void everyCharacterSurvivesARoundTrip() {
        StringBuilder all = new StringBuilder();
        for (int septet = 0; septet < 128; septet++) {
            if (septet != GsmAlphabet.ESCAPE) {
                all.append(GsmAlphabet.decode(new byte[] {(byte) septet}));
            }
        }
        all.append("€[]{}\\^~|\f");
        String text = all.toString();
        assertEquals(127 + 10, text.length(), "127 default characters, 10 extension characters");
        assertTrue(GsmAlphabet.canEncode(text));
        assertEquals(text, GsmAlphabet.decode(GsmAlphabet.encode(text)));
        assertEquals(127 + 20, GsmAlphabet.encode(text).length, "an extension character takes two septets");
    }

    @Test
    void unknownEscapeShowsTheDefaultCharacterAndALoneEscapeASpace() {
        assertEquals("A", GsmAlphabet.decode(new byte[] {0x1B, 0x41}));
        assertEquals("a ", GsmAlphabet.decode(new byte[] {0x61, 0x1B}));
        assertEquals(" b", GsmAlphabet.decode(new byte[] {0x1B, 0x1B, 0x62}));
    }

    @Test
    void charactersOutsideTheAlphabetAreNotEncodable() {
        assertFalse(GsmAlphabet.canEncode("ç"), "only the capital C cedilla is in the table");
        assertFalse(GsmAlphabet.canEncode("Привет"));
        assertFalse(GsmAlphabet.canEncode("smile \uD83D\uDE00"));
        assertFalse(GsmAlphabet.canEncode("\u001B"), "the escape code is no character");
        assertTrue(GsmAlphabet.canEncode("Price: 5€ [ok]"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GsmAlphabet.encode("naïve"));
        assertTrue(e.getMessage().contains("U+EF"), e.getMessage());
    }
}
