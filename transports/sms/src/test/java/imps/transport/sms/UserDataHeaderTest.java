package imps.transport.sms;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserDataHeaderTest {

    @Test
    void portAddressingIsTheSevenByteHeaderOfImpsDataSms() {
        byte[] udh = UserDataHeader.ports(3590, 3590).encode();
        // UDHL 6, IE 0x05 of 4 octets: destination 0x0E06, source 0x0E06 (docs/sms.md: 140 - 7 = 133 bytes left)
        assertArrayEquals(new byte[]{6, 0x05, 4, 0x0E, 0x06, 0x0E, 0x06}, udh);
    }

    @Test
    void concatenationAndPortsRoundTrip() {
        UserDataHeader h = UserDataHeader.ports(3716, 3716).withConcatenation(new UserDataHeader.Concatenation(200, 3, 2));
        byte[] body = {'W', 'V'};
        byte[] udh = h.encode();
        byte[] data = new byte[udh.length + body.length];
        System.arraycopy(udh, 0, data, 0, udh.length);
        System.arraycopy(body, 0, data, udh.length, body.length);

        UserDataHeader.Split split = UserDataHeader.parse(data);
        assertEquals(h, split.header());
        assertArrayEquals(body, split.body());
    }

    @Test
    void sixteenBitReferencesUseTheirOwnElement() {
        UserDataHeader h = UserDataHeader.NONE.withConcatenation(new UserDataHeader.Concatenation(0x1234, 2, 1));
        byte[] udh = h.encode();
        assertEquals(0x08, udh[1], "IE 0x08 for a 16-bit reference");
        assertEquals(h, UserDataHeader.parse(udh).header());
    }

    @Test
    void eightBitPortsAndUnknownElementsAreRead() {
        // UDHL 8: an unknown IE 0x70 of 2 octets, then 8-bit ports 0x04 (dest 5, src 6)
        byte[] data = {8, 0x70, 2, 1, 2, 0x04, 2, 5, 6, 'x'};
        UserDataHeader.Split split = UserDataHeader.parse(data);
        assertEquals(5, split.header().destinationPort());
        assertEquals(6, split.header().sourcePort());
        assertNull(split.header().concatenation());
        assertArrayEquals(new byte[]{'x'}, split.body());
    }

    @Test
    void truncatedHeadersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> UserDataHeader.parse(new byte[]{9, 0x05, 4, 0, 1}));
        assertThrows(IllegalArgumentException.class, () -> UserDataHeader.parse(new byte[]{3, 0x05, 4, 0}));
        assertThrows(IllegalArgumentException.class, () -> UserDataHeader.parse(new byte[0]));
    }

    @Test
    void noHeaderEncodesToNothing() {
        assertTrue(UserDataHeader.NONE.isEmpty());
        assertEquals(0, UserDataHeader.NONE.encode().length);
    }
}
