package imps.codec.wbxml;

import com.code_intelligence.jazzer.junit.FuzzTest;
import imps.TestData;
import imps.codec.RoundTrip;
import imps.fuzz.AllocationBudget;
import imps.protocol.CspMessage;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Fuzz target (docs/security.md, Fuzzing): the CSP WBXML decoder, on any bytes an HTTP client can
 * POST as {@code application/vnd.wv.csp.wbxml}. Invariants: decoding ends in a message or a
 * {@link imps.codec.DecodeException}, nothing else; the allocation stays within {@link #BUDGET}; a
 * message that decodes encodes to WBXML that decodes to the same message (except the CIR flag of
 * CSP 1.1, which 1.1 cannot carry).
 */
class WbxmlDecoderFuzzTest {
    private static final WbxmlDecoder DECODER = new WbxmlDecoder(WbxmlLimits.DEFAULT);
    private static final WbxmlEncoder ENCODER = new WbxmlEncoder();
    private static final AllocationBudget BUDGET = new AllocationBudget(16 << 20, 512);

    /**
     * The recorded WBXML vectors (testdata/wbxml, hexadecimal) and the WBXML encoding of every XML
     * message the codec tests use: worked examples, real-client requests, the gateway's own messages.
     */
    static Stream<byte[]> seeds() {
        Stream<byte[]> recorded = Stream.of("android", "examples", "gateway")
                .map(WbxmlVectors::dir).filter(Files::isDirectory)
                .flatMap(dir -> WbxmlVectors.files(dir, ".hex").stream()).map(WbxmlVectors::hex);
        Stream<byte[]> encoded = WbxmlVectors.xmlMessages().stream()
                .map(WbxmlDecoderFuzzTest::xmlOrNull).filter(m -> m != null).map(ENCODER::encode);
        return Stream.concat(recorded, encoded);
    }

    private static CspMessage xmlOrNull(Path file) {
        try {
            return WbxmlVectors.xml(WbxmlVectors.body(file));
        } catch (AssertionError notCsp) {
            return null;
        }
    }

    @MethodSource("seeds")
    @FuzzTest
    void decode(byte[] input) {
        BUDGET.check(input, () -> RoundTrip.check(input, DECODER::decode, ENCODER::encode, DECODER::decode,
                RoundTrip::carriedByMarkup, refused -> { }));
    }
}
