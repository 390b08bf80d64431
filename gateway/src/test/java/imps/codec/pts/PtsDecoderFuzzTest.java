package imps.codec.pts;

import com.code_intelligence.jazzer.junit.FuzzTest;
import imps.TestData;
import imps.codec.DecodeException;
import imps.codec.RoundTrip;
import imps.codec.xml.XmlDecoder;
import imps.codec.xml.XmlLimits;
import imps.fuzz.AllocationBudget;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * Fuzz target (docs/security.md, Fuzzing): the PTS decoder, on any reassembled SMS payload.
 * Invariants: decoding ends in a message or a {@link DecodeException} that is not the decoder's
 * safety net for its own failures ({@link PtsDecoder#INTERNAL}); the allocation stays within
 * {@link #BUDGET}; a message that decodes encodes to PTS that decodes to the same message
 * (docs/pts.md §6: the encoder keeps every element exactly). The second decoding has wider limits,
 * because an encoding may legitimately be longer than what the phone sent.
 */
class PtsDecoderFuzzTest {
    private static final PtsDecoder DECODER = new PtsDecoder(PtsLimits.DEFAULT);
    private static final PtsDecoder WIDE = new PtsDecoder(new PtsLimits(4 * PtsLimits.DEFAULT.maxBytes(),
            4 * PtsLimits.DEFAULT.maxDepth(), 4 * PtsLimits.DEFAULT.maxParameters(), 4 * PtsLimits.DEFAULT.maxGroupMembers()));
    private static final PtsEncoder ENCODER = new PtsEncoder();
    private static final AllocationBudget BUDGET = new AllocationBudget(16 << 20, 512);

    /** What real clients sent as PTS, and every real client's XML request written as PTS where PTS can carry it. */
    static Stream<byte[]> seeds() {
        XmlDecoder xml = new XmlDecoder(XmlLimits.DEFAULT);
        Stream<byte[]> fromXml = TestData.allHttpRequests().stream()
                .map(p -> asPts(xml, TestData.body(p)))
                .flatMap(Optional::stream);
        return Stream.concat(TestData.ptsRequests().stream().map(TestData::bytes), fromXml);
    }

    private static Optional<byte[]> asPts(XmlDecoder xml, byte[] body) {
        try {
            return Optional.of(ENCODER.encode(xml.decode(body)));
        } catch (DecodeException | IllegalArgumentException notCarried) {
            return Optional.empty();
        }
    }

    @MethodSource("seeds")
    @FuzzTest
    void decode(byte[] input) {
        BUDGET.check(input, () -> RoundTrip.check(input, DECODER::decode, ENCODER::encode, WIDE::decode, m -> m,
                refused -> {
                    if (refused.getMessage().startsWith(PtsDecoder.INTERNAL)) {
                        throw new AssertionError("the decoder failed on its own: " + refused.getMessage(), refused);
                    }
                }));
    }
}
