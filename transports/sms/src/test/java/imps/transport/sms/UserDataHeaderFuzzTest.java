package imps.transport.sms;

import com.code_intelligence.jazzer.junit.FuzzTest;
import imps.fuzz.AllocationBudget;
import imps.transport.sms.UserDataHeader.Concatenation;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.util.stream.Stream;

/**
 * Fuzz target (docs/security.md, Fuzzing): the user data header of a short message (3GPP TS 23.040
 * §9.2.3.24), on any user data a phone can send with the header indicator set. Invariants: parsing
 * ends in a header and the rest of the data, or an IllegalArgumentException; the rest is everything
 * after the length octet's header; a header with something in it encodes to bytes that parse to the
 * same header with nothing after it; the allocation stays within {@link #BUDGET}.
 */
class UserDataHeaderFuzzTest {
    private static final AllocationBudget BUDGET = new AllocationBudget(1 << 20, 64);

    /** The headers the gateway itself writes: ports, concatenation with 8- and 16-bit references. */
    static Stream<byte[]> seeds() {
        return Stream.of(
                UserDataHeader.ports(3590, 3590),
                UserDataHeader.ports(3716, 9200),
                UserDataHeader.ports(3590, 3590).withConcatenation(new Concatenation(7, 3, 1)),
                UserDataHeader.NONE.withConcatenation(new Concatenation(0x1234, 2, 2))
        ).map(h -> {
            ByteArrayOutputStream userData = new ByteArrayOutputStream();
            userData.writeBytes(h.encode());
            userData.writeBytes(new byte[] {'W', 'V', '1', '2'});
            return userData.toByteArray();
        });
    }

    @MethodSource("seeds")
    @FuzzTest
    void parse(byte[] input) {
        BUDGET.check(input, () -> parseChecked(input));
    }

    private static void parseChecked(byte[] input) {
        UserDataHeader.Split split;
        try {
            split = UserDataHeader.parse(input);
        } catch (IllegalArgumentException refused) {
            return;
        }
        if (split.body().length != input.length - 1 - (input[0] & 0xFF)) {
            throw new AssertionError("the header's length octet says " + (input[0] & 0xFF) + ", the rest has "
                    + split.body().length + " of " + input.length + " bytes");
        }
        UserDataHeader header = split.header();
        if (header.isEmpty()) {
            return;
        }
        UserDataHeader.Split again = UserDataHeader.parse(header.encode());
        if (!again.header().equals(header) || again.body().length != 0) {
            throw new AssertionError(header + " encoded and parsed again is " + again.header()
                    + " with " + again.body().length + " bytes after it");
        }
    }
}
