package imps.codec.wbxml;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The OPAQUE integer and date-time forms, checked against the values of OMA-TS-IMPS_CSP_WBXML-V1_3 examples. */
class OpaqueValuesTest {
    private static String hex(byte[] b) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(b);
    }

    @ParameterizedTest
    @CsvSource({
            "20010925T165859Z, 1F 46 73 0E BB 5A",
            "20240315T090741Z, 1F A0 DE 91 E9 5A",
            "20070625T055652Z, 1F 5D B2 5E 34 5A",
            "40951231T235959Z, 3F FF 3F 7E FB 5A",
            "00000101T000000A, 00 00 42 00 00 41"})
    void dateTimes(String text, String bytes) {
        assertEquals(bytes, hex(OpaqueValues.dateTime(text)));
        byte[] b = WbxmlVectors.hex(bytes);
        assertEquals(text, OpaqueValues.dateTime(b, 0, b.length));
    }

    /** Not the exact form (the WV 1.1 samples also write dates without seconds): such text stays a string. */
    @ParameterizedTest
    @ValueSource(strings = {"20010925T1658Z", "20011325T165859Z", "20010932T165859Z", "20010925T245859Z",
            "20010925T166059Z", "20010925T165860Z", "20010925X165859Z", "20010925T165859z", "2001-09-25T16:58:59Z",
            "50000101T000000Z", "20010925T165859ZZ", "20010900T165859Z"})
    void textThatIsNotADateTime(String text) {
        assertNull(OpaqueValues.dateTime(text));
    }

    @Test
    void opaqueThatIsNotADateTime() {
        for (String bytes : new String[]{"1F 46 73 0E BB", "1F 46 73 0E BB 5A 00", "1F 47 73 0E BB 5A", "1F 44 33 0E BB 5A", "1F 46 73 0E BB 7A",
                "7F 46 73 0E BB 5A"}) {
            byte[] b = WbxmlVectors.hex(bytes);
            assertNull(OpaqueValues.dateTime(b, 0, b.length), bytes);
        }
    }

    @ParameterizedTest
    @CsvSource({"0, 00", "5, 05", "200, C8", "401, 01 91", "600, 02 58", "1200, 04 B0", "32767, 7F FF", "65536, 01 00 00",
            "4294967295, FF FF FF FF"})
    void integers(String text, String bytes) {
        assertEquals(bytes, hex(OpaqueValues.integer(text)));
        byte[] b = WbxmlVectors.hex(bytes);
        assertEquals(text, OpaqueValues.integer(b, 0, b.length));
    }

    @Test
    void emptyOpaqueIsZeroAndFiveBytesAreTooMany() {
        assertEquals("0", OpaqueValues.integer(new byte[0], 0, 0));
        assertNull(OpaqueValues.integer(new byte[5], 0, 5));
    }

    /** Only the canonical decimal form is written as an integer, so that decoding gives the text back unchanged. */
    @ParameterizedTest
    @ValueSource(strings = {"", "007", "-1", "+1", "1.5", "4294967296", "99999999999", " 1", "1e3", "abc"})
    void textThatIsNotACanonicalInteger(String text) {
        assertNull(OpaqueValues.integer(text));
    }
}
