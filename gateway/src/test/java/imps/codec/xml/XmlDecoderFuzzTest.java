package imps.codec.xml;

import com.code_intelligence.jazzer.junit.FuzzTest;
import imps.TestData;
import imps.codec.RoundTrip;
import imps.fuzz.AllocationBudget;
import imps.protocol.CspMessage;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

/**
 * Fuzz target (docs/security.md, Fuzzing): the CSP XML decoder, on any bytes an HTTP client can POST.
 * Invariants: decoding ends in a message or a {@link imps.codec.DecodeException}, nothing else; the
 * allocation stays within {@link #BUDGET}; a message that decodes encodes to XML that decodes to the
 * same message (except the CIR flag of CSP 1.1, which 1.1 cannot carry).
 */
class XmlDecoderFuzzTest {
    private static final XmlDecoder DECODER = new XmlDecoder(XmlLimits.DEFAULT);
    private static final XmlEncoder ENCODER = new XmlEncoder();
    private static final AllocationBudget BUDGET = new AllocationBudget(16 << 20, 512);

    /** The bodies real clients sent and the worked examples, client and server side. */
    static Stream<byte[]> seeds() {
        return Stream.concat(TestData.allHttpRequests().stream().map(TestData::body),
                TestData.examples().stream().map(TestData::bytes));
    }

    @MethodSource("seeds")
    @FuzzTest
    void decode(byte[] input) {
        BUDGET.check(input, () -> RoundTrip.check(input, DECODER::decode, ENCODER::encode, DECODER::decode,
                RoundTrip::carriedByMarkup, refused -> { }));
    }

    /**
     * The plain reader (PlainXmlReader) reads what it accepts exactly as the StAX reader does: the same
     * tree and message, or the same refusal.
     */
    @MethodSource("seeds")
    @FuzzTest
    void plainReaderAgreesWithStax(byte[] input) {
        XmlReaders.Outcome plain = XmlReaders.plain(input);
        if (plain != null && !plain.equals(XmlReaders.stax(input))) {
            throw new IllegalStateException("the readers disagree: " + plain + " against " + XmlReaders.stax(input));
        }
    }
}
