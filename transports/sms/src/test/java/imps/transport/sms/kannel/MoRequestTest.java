package imps.transport.sms.kannel;

import imps.transport.sms.MobileOriginated;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The queries below are what smsbox 1.4.5 sent for fakesmsc's text, udh, ucs2 and udh-text messages. */
class MoRequestTest {

    private static MobileOriginated parse(String query) {
        return MoRequest.parse(QueryCodec.decode(query));
    }

    @Test
    void gsmTextArrivesAsUtf8WithoutPort() {
        MobileOriginated mo = parse("from=%2B4912345&to=3590&text=hello%2Bw%C3%B6rld&udh=&coding=0&charset=UTF-8");
        assertEquals("+4912345", mo.sender());
        assertEquals("3590", mo.recipient());
        assertNull(mo.destinationPort());
        assertEquals("hello+wörld", new String(mo.payload(), StandardCharsets.UTF_8));
    }

    @Test
    void eightBitDataKeepsItsOctetsAndPortAddressingGivesThePort() {
        MobileOriginated mo = parse("from=4912345&to=3590&text=WV12LI01+%00%FF%C3&udh=%06%05%04%0E%06%0E%06&coding=1&charset=8-BIT");
        assertEquals(3590, mo.destinationPort());
        assertArrayEquals(new byte[] {'W', 'V', '1', '2', 'L', 'I', '0', '1', ' ', 0, (byte) 0xFF, (byte) 0xC3}, mo.payload());
    }

    @Test
    void ucs2IsDecodedWithTheCharsetSmsboxNames() {
        MobileOriginated mo = parse("from=4912345&to=3590&text=%00h%00%E4+%AC%04%16&udh=&coding=2&charset=UTF-16BE");
        assertEquals("hä€Ж", new String(mo.payload(), StandardCharsets.UTF_8));
    }

    @Test
    void ucs2WithoutCharsetIsUtf16AndTextWithoutCharsetIsUtf8() {
        assertEquals("Ж", new String(parse("from=1&to=2&text=%04%16&coding=2").payload(), StandardCharsets.UTF_8));
        assertEquals("ä", new String(parse("from=1&to=2&text=%C3%A4&coding=0").payload(), StandardCharsets.UTF_8));
    }

    @Test
    void aPortAddressedTextMessageIsTextWithAPort() {
        MobileOriginated mo = parse("from=4912345&to=3590&text=HELO+abc&udh=%06%05%04%0E%84%0E%84&coding=0&charset=UTF-8");
        assertEquals(3716, mo.destinationPort());
        assertEquals("HELO abc", new String(mo.payload(), StandardCharsets.UTF_8));
    }

    @Test
    void anEmptyMessageIsAMessage() {
        assertArrayEquals(new byte[0], parse("from=1&to=2&coding=1").payload());
    }

    @Test
    void incompleteOrMalformedRequestsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> parse("to=2&text=x&coding=0"), "no sender");
        assertThrows(IllegalArgumentException.class, () -> parse("from=&to=2&text=x&coding=0"), "empty sender");
        assertThrows(IllegalArgumentException.class, () -> parse("from=1&text=x&coding=0"), "no receiver");
        assertThrows(IllegalArgumentException.class, () -> parse("from=1&to=2&text=x"), "no coding");
        assertThrows(IllegalArgumentException.class, () -> parse("from=1&to=2&text=x&coding=3"), "unknown coding");
        assertThrows(IllegalArgumentException.class, () -> parse("from=1&to=2&text=x&coding=0&charset=NO-SUCH"));
        assertThrows(IllegalArgumentException.class, () -> parse("from=1&to=2&text=%C3&coding=0&charset=UTF-8"),
                "text that is not valid in its charset");
    }

    @Test
    void brokenOrPartialHeadersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> parse("from=1&to=2&udh=%06%05%04%0E&coding=1"),
                "header longer than the data");
        assertThrows(IllegalArgumentException.class, () -> parse("from=1&to=2&udh=%02%05%04%0E%06&coding=1"),
                "element longer than the header");
        assertThrows(IllegalArgumentException.class, () -> parse("from=1&to=2&udh=%00%05&coding=1"),
                "bytes after the header");
        assertThrows(IllegalArgumentException.class,
                () -> parse("from=1&to=2&udh=%0B%00%03%2A%02%01%05%04%0E%06%0E%06&coding=1"),
                "one part of a concatenated message");
    }
}
