package imps.transport.sms.kannel;

import com.code_intelligence.jazzer.junit.FuzzTest;
import imps.TestData;
import imps.fuzz.AllocationBudget;
import imps.transport.sms.MobileOriginated;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Fuzz target (docs/security.md, Fuzzing): what Kannel's smsbox sends for a message from a phone or a
 * delivery report, on any query string (the request line's bytes, one character per byte, as the
 * HTTP server hands them on). Invariants: reading ends in a message, a report, or an
 * IllegalArgumentException (the listener's 400); a text message's payload is UTF-8; a port is a
 * 16-bit number; every parameter value survives percent-encoding and decoding again; the allocation
 * stays within {@link #BUDGET}.
 */
class MoRequestFuzzTest {
    private static final AllocationBudget BUDGET = new AllocationBudget(4 << 20, 256);

    /**
     * The real clients' PTS requests as smsbox passes them on (docs/kannel.md): 8-bit data with a port
     * header, the same as GSM text, as UCS-2, and a delivery report.
     */
    static Stream<byte[]> seeds() {
        String udh = "&udh=" + QueryCodec.encode(new byte[] {6, 5, 4, 0x0E, 6, 0x0E, 6});
        return Stream.concat(
                TestData.ptsRequests().stream().map(TestData::bytes).flatMap(pts -> Stream.of(
                        "from=%2B447700900123&to=3590&text=" + QueryCodec.encode(pts) + udh + "&coding=1&charset=8-BIT",
                        "from=447700900123&to=3590&text=" + QueryCodec.encode(pts) + udh + "&coding=0&charset=UTF-8",
                        "from=447700900123&to=3590&text=" + QueryCodec.encode(new String(pts, StandardCharsets.UTF_8)
                                .getBytes(StandardCharsets.UTF_16BE)) + udh + "&coding=2&charset=UTF-16BE")),
                Stream.of("id=0a1b&status=1", "id=0a1b&status=16&from=3590"))
                .map(q -> q.getBytes(StandardCharsets.ISO_8859_1));
    }

    @MethodSource("seeds")
    @FuzzTest
    void parse(byte[] input) {
        BUDGET.check(input, () -> parseChecked(input));
    }

    private static void parseChecked(byte[] input) {
        Map<String, byte[]> params;
        try {
            params = QueryCodec.decode(new String(input, StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException refused) {
            return;
        }
        params.forEach((name, value) -> {
            if (!Arrays.equals(QueryCodec.decodeComponent(QueryCodec.encode(value)), value)) {
                throw new AssertionError("the value of " + name + " changed through percent-encoding");
            }
        });
        try {
            DeliveryReport.parse(params);
        } catch (IllegalArgumentException refused) {
            // not a report: the same query may still be a message
        }
        MobileOriginated mo;
        try {
            mo = MoRequest.parse(params);
        } catch (IllegalArgumentException refused) {
            return;
        }
        Integer port = mo.destinationPort();
        if (port != null && (port < 0 || port > 0xFFFF)) {
            throw new AssertionError("port " + port);
        }
        if (!"1".equals(new String(params.get("coding"), StandardCharsets.UTF_8).strip())) {
            try {
                StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(mo.payload()));
            } catch (CharacterCodingException e) {
                throw new AssertionError("the payload of a text message is not UTF-8", e);
            }
        }
    }
}
