package imps.transport.tcpcir;

import com.code_intelligence.jazzer.junit.FuzzTest;
import imps.config.ConfigLoader;
import imps.fuzz.AllocationBudget;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Fuzz target (docs/security.md, Fuzzing): the TCP CIR line reader, on any bytes a client can send,
 * cut into reads in three ways — all at once, byte by byte, and in pieces of sizes the input itself
 * gives — since TCP may split or merge a client's writes anywhere.
 *
 * <p>Invariants: nothing is thrown; every cut gives exactly what the channel's rules say (transports
 * §4): each line up to its LF, as a {@link CirLine}, until a line longer than the shipped
 * {@code tcpCir.maxLineLength}, which is reported as overlong once, after which nothing more is read;
 * the allocation stays within {@link #BUDGET}.
 */
class CirLineReaderFuzzTest {
    private static final int MAX_LINE = ConfigLoader.load(null, Map.of()).tcpCir().maxLineLength();
    private static final String OVERLONG = "overlong";
    /** Per input byte a whole line's worth: an input of line ends is read three times, and modelled once, line by line. */
    private static final AllocationBudget BUDGET = new AllocationBudget(4 << 20, 4096);

    @FuzzTest
    void read(byte[] input) {
        BUDGET.check(input, () -> readChecked(input));
    }

    private static void readChecked(byte[] input) {
        List<Object> expected = rules(input);
        check("in one read", expected, read(input, 0));
        check("byte by byte", expected, read(input, 1));
        check("in pieces", expected, read(input, -1));
    }

    private static void check(String how, List<Object> expected, List<Object> actual) {
        if (!actual.equals(expected)) {
            throw new AssertionError("read " + how + ": " + actual + ", but the rules give " + expected);
        }
    }

    /**
     * What the reader hands on when it receives {@code input} in pieces of {@code piece} bytes (0: all
     * at once; -1: each piece as long as 1 + the value of its first byte modulo 16).
     */
    private static List<Object> read(byte[] input, int piece) {
        List<Object> events = new ArrayList<>();
        CirLineReader reader = new CirLineReader(MAX_LINE, events::add, () -> events.add(OVERLONG));
        int at = 0;
        while (at < input.length) {
            int n = piece == 0 ? input.length : piece > 0 ? piece : 1 + (input[at] & 0x0F);
            int end = Math.min(input.length, at + n);
            reader.handle(Buffer.buffer(Arrays.copyOfRange(input, at, end)));
            at = end;
        }
        return events;
    }

    /** The channel's rules, written down independently of the reader. */
    private static List<Object> rules(byte[] input) {
        List<Object> events = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= input.length; i++) {
            boolean end = i == input.length;
            if (!end && input[i] != '\n') {
                continue;
            }
            if (i - start > MAX_LINE) {
                events.add(OVERLONG);
                return events;
            }
            if (!end) {
                events.add(CirLine.of(Buffer.buffer(Arrays.copyOfRange(input, start, i))));
            }
            start = i + 1;
        }
        return events;
    }
}
