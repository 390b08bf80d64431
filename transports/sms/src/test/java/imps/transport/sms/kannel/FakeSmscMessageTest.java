package imps.transport.sms.kannel;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The lines are what fakesmsc 1.4.5 printed for sendsms requests with coding 0, 1 (and a UDH) and 2. */
class FakeSmscMessageTest {

    private static String iso(String utf8) {
        return new String(utf8.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @Test
    void textIsRaw() {
        FakeSmscMessage m = FakeSmscMessage.fromLogLine(
                iso("2026-11-21 17:00:29 [17560] [0] DEBUG: Got message 1: <3590 +4912345 text WVCI 1.2 abcä>"));
        assertEquals("3590", m.sender());
        assertEquals("+4912345", m.receiver());
        assertEquals(FakeSmscMessage.Type.TEXT, m.type());
        assertEquals("WVCI 1.2 abcä", m.text());
        assertNull(m.destinationPort());
    }

    @Test
    void dataWithUdhIsPercentEncoded() {
        FakeSmscMessage m = FakeSmscMessage.fromLogLine(
                "... DEBUG: Got message 2: <3590 4912345 udh %06%05%04%0E%06%0E%06 data WV12+%00%FF%C3%A4>");
        assertEquals(FakeSmscMessage.Type.DATA, m.type());
        assertEquals(3590, m.destinationPort());
        assertArrayEquals(new byte[] {'W', 'V', '1', '2', ' ', 0, (byte) 0xFF, (byte) 0xC3, (byte) 0xA4}, m.payload());
    }

    @Test
    void ucs2IsPercentEncodedUtf16() {
        FakeSmscMessage m = FakeSmscMessage.fromLogLine(
                "... DEBUG: Got message 3: <3590 4912345 ucs-2 +%AC%00+%00c%00a%00f%00%E9%00+%04%16>");
        assertEquals(FakeSmscMessage.Type.UCS2, m.type());
        assertEquals("€ café Ж", m.text());
    }

    @Test
    void otherLinesAreNoMessages() {
        assertNull(FakeSmscMessage.fromLogLine("2026-11-21 17:00:17 [17560] [0] DEBUG: fakesmsc: sent message 1"));
    }
}
