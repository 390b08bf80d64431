package imps.codec.wbxml;

import imps.TestData;
import imps.codec.DecodeException;
import imps.protocol.CspMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The WBXML forms of the worked examples (testdata/wbxml/examples, one per XML message of
 * testdata/examples that has one): decoding gives exactly what the XML decoder gives for the XML
 * form, and encoding that message gives the very same bytes.
 */
class WbxmlWorkedExamplesTest {
    private final WbxmlDecoder decoder = new WbxmlDecoder(WbxmlLimits.DEFAULT);
    private final WbxmlEncoder encoder = new WbxmlEncoder();

    static List<Path> vectors() {
        return WbxmlVectors.files(WbxmlVectors.dir("examples"), ".hex");
    }

    private static Path xmlOf(Path hex) {
        String name = hex.getFileName().toString().replace(".hex", ".xml");
        return TestData.root().resolve("examples").resolve(name);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void decodesToTheMessageOfTheXmlForm(Path hex) throws DecodeException {
        assertEquals(WbxmlVectors.xml(xmlOf(hex)), decoder.decode(WbxmlVectors.hex(hex)));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void encodesToTheSameBytes(Path hex) {
        CspMessage m = WbxmlVectors.xml(xmlOf(hex));
        if (m.first().transactionId() == null) {
            // An empty <TransactionID/> (polling, B.6) is "no TransactionID" in the message model and is not written back.
            return;
        }
        assertEquals(HexFormat.ofDelimiter(" ").formatHex(WbxmlVectors.hex(hex)),
                HexFormat.ofDelimiter(" ").formatHex(encoder.encode(m)));
    }

    @Test
    void everyWorkedExampleWithWbxmlIsCovered() {
        assertEquals(8, vectors().size());
    }

    /** B.6: a Polling-Request with an empty TransactionID element; without it the bytes differ only by that tag. */
    @Test
    void pollingWithEmptyTransactionId() throws DecodeException {
        Path hex = WbxmlVectors.dir("examples").resolve("B6-01-c2s.hex");
        CspMessage m = decoder.decode(WbxmlVectors.hex(hex));
        assertNull(m.first().transactionId());
        String expected = HexFormat.ofDelimiter(" ").formatHex(WbxmlVectors.hex(hex)).replace("80 20 01 35 01", "80 20 01 01");
        String actual = HexFormat.ofDelimiter(" ").formatHex(encoder.encode(m));
        assertTrue(expected.equals(actual), expected + "\n" + actual);
    }
}
