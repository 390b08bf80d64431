package imps.transport.sms.kannel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GsmAlphabetTest {

    @Test
    void cirAndPtsTextIsGsm() {
        assertTrue(GsmAlphabet.canEncode("WVCI 1.2 c00kie-42_x"));
        assertTrue(GsmAlphabet.canEncode("WV12SB12 SI=S-7f3a2c91 PS=(OS,CF) CL=wv:alice/~pep1.0@example.net"));
    }

    @Test
    void basicTableLettersAndTheExtensionTableAreGsm() {
        assertTrue(GsmAlphabet.canEncode("Grüße aus Malmö, Ærø, Ñoño! ¿Qué? §5 £3 ¥4 ¤"));
        assertTrue(GsmAlphabet.canEncode("€ {} [] \\ ^ ~ |"));
        assertTrue(GsmAlphabet.canEncode("ΔΦΓΛΩΠΨΣΘΞ\r\n"));
        assertTrue(GsmAlphabet.canEncode(""));
    }

    @Test
    void charactersOutsideBothTablesNeedUcs2() {
        assertFalse(GsmAlphabet.canEncode("`"));
        assertFalse(GsmAlphabet.canEncode("ç"), "only the capital Ç is in the GSM table");
        assertFalse(GsmAlphabet.canEncode("Привет"));
        assertFalse(GsmAlphabet.canEncode("smile \uD83D\uDE00"));
        assertFalse(GsmAlphabet.canEncode("\u001B"), "the escape code is not a character of its own");
    }
}
