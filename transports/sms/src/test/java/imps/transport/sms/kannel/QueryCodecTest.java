package imps.transport.sms.kannel;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class QueryCodecTest {

    @Test
    void everyOctetSurvivesEncodingAndDecoding() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        Map<String, byte[]> params = QueryCodec.decode("text=" + QueryCodec.encode(all));
        assertArrayEquals(all, params.get("text"));
    }

    @Test
    void onlyUnreservedCharactersStayAsTheyAre() {
        assertEquals("aZ09-._~%20%2B%26%3D%25%C3%A4", QueryCodec.encode("aZ09-._~ +&=%ä"));
    }

    @Test
    void plusIsASpaceAndEscapesMayBeLowerCase() {
        Map<String, byte[]> params = QueryCodec.decode("text=WV12+%c3%a4&udh=%06%05");
        assertArrayEquals("WV12 ä".getBytes(StandardCharsets.UTF_8), params.get("text"));
        assertArrayEquals(new byte[] {6, 5}, params.get("udh"));
    }

    @Test
    void aNameWithoutValueIsEmptyAndTheFirstOfRepeatedNamesCounts() {
        Map<String, byte[]> params = QueryCodec.decode("udh&from=1&from=2&&");
        assertArrayEquals(new byte[0], params.get("udh"));
        assertArrayEquals("1".getBytes(), params.get("from"));
        assertEquals(2, params.size());
    }

    @Test
    void malformedEscapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> QueryCodec.decode("text=%4"));
        assertThrows(IllegalArgumentException.class, () -> QueryCodec.decode("text=%zz"));
        assertThrows(IllegalArgumentException.class, () -> QueryCodec.decode("text=ä"));
    }

    @Test
    void noQueryIsNoParameters() {
        assertEquals(0, QueryCodec.decode(null).size());
        assertEquals(0, QueryCodec.decode("").size());
    }
}
