package imps.transport.sms;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CirRegistrationTest {

    /** GSM 7-bit packing as a phone does it (3GPP TS 23.038 §6.1.2.1.1), for test input. */
    static byte[] pack(byte[] septets) {
        byte[] packed = new byte[(septets.length * 7 + 7) / 8];
        for (int i = 0; i < septets.length; i++) {
            int bit = i * 7;
            int value = septets[i] & 0x7F;
            packed[bit / 8] |= (byte) (value << (bit % 8));
            if (bit % 8 > 1) {
                packed[bit / 8 + 1] |= (byte) (value >> (8 - bit % 8));
            }
        }
        return packed;
    }

    @Test
    void plainHeloLinesAreRead() {
        assertEquals("Kx_9-a", CirRegistration.sessionId("HELO Kx_9-a\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("S1", CirRegistration.sessionId("helo S1".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void packedSeptetsAreUnpackedThroughTheGsmAlphabet() {
        String line = "HELO AbC_12-xyz";
        byte[] packed = pack(GsmAlphabet.encode(line));
        assertEquals("AbC_12-xyz", CirRegistration.sessionId(packed), "'_' is septet 0x11 in the GSM alphabet");
    }

    @Test
    void sevenCharactersFillSevenBytesWithoutAPhantomEighth() {
        byte[] septets = GsmAlphabet.encode("HELO S12");
        assertEquals(8, septets.length);
        assertArrayEquals(septets, CirRegistration.unpackSeptets(pack(septets)));
        byte[] seven = GsmAlphabet.encode("HELO S1");
        assertArrayEquals(seven, CirRegistration.unpackSeptets(pack(seven)), "the padding of a 7-byte pack is dropped");
    }

    @Test
    void anythingElseIsNoRegistration() {
        assertNull(CirRegistration.sessionId("HELO".getBytes(StandardCharsets.US_ASCII)));
        assertNull(CirRegistration.sessionId("HELO a b".getBytes(StandardCharsets.US_ASCII)));
        assertNull(CirRegistration.sessionId("PING".getBytes(StandardCharsets.US_ASCII)));
        assertNull(CirRegistration.sessionId(new byte[0]));
    }
}
