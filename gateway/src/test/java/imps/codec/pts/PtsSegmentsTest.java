package imps.codec.pts;

import imps.codec.DecodeException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PtsSegmentsTest {
    static final String SECTION_6 = "WV12SB12 SI=S-7f3a2c91 PS=(OS,CF,UA,ST,SC) CL=wv:alice/~pep1.0_subscriptions@example.net "
            + "UI=(wv:bob@example.net,wv:carol@example.net,wv:dave@example.net,wv:erin@example.net) AS=T";

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void theExampleOfPtsSection6() {
        assertEquals(178, bytes(SECTION_6).length);
        List<byte[]> segments = PtsSegments.split(bytes(SECTION_6), 133);
        assertEquals(2, segments.size());
        assertEquals("WV12SB12ab SI=S-7f3a2c91 PS=(OS,CF,UA,ST,SC) CL=wv:alice/~pep1.0_subscriptions@example.net "
                + "UI=(wv:bob@example.net,wv:carol@example.ne", text(segments.get(0)));
        assertEquals(133, segments.get(0).length);
        assertEquals("WV12SB12bb t,wv:dave@example.net,wv:erin@example.net) AS=T", text(segments.get(1)));
        assertEquals(58, segments.get(1).length);
    }

    @Test
    void splitsFromTheLimitOn() {
        byte[] shorter = bytes("WV12PO0 SI=" + "x".repeat(121));
        assertEquals(132, shorter.length);
        assertSame(shorter, PtsSegments.split(shorter, 133).get(0));
        assertEquals(1, PtsSegments.split(shorter, 133).size());
        byte[] exact = bytes("WV12PO0 SI=" + "x".repeat(122));
        List<byte[]> two = PtsSegments.split(exact, 133);
        assertEquals(List.of("WV12PO0ab SI=" + "x".repeat(120), "WV12PO0bb xx"), two.stream().map(PtsSegmentsTest::text).toList());
    }

    /** At most 26 segments, a to z; longer messages are refused. */
    @Test
    void atMostTwentySixSegments() {
        int chunk = 133 - 7 - 3;
        byte[] fits = bytes("WV12PO0 SI=" + "x".repeat(26 * chunk - 3));
        List<byte[]> segments = PtsSegments.split(fits, 133);
        assertEquals(26, segments.size());
        assertEquals("WV12PO0zz ", text(segments.get(25)).substring(0, 10));
        byte[] tooLong = bytes("WV12PO0 SI=" + "x".repeat(26 * chunk - 2));
        assertThrows(IllegalArgumentException.class, () -> PtsSegments.split(tooLong, 133));
    }

    @Test
    void refusesWhatCannotBeSplit() {
        assertThrows(IllegalArgumentException.class, () -> PtsSegments.split(bytes("x".repeat(200)), 133));
        assertThrows(IllegalArgumentException.class, () -> PtsSegments.split(bytes("WV12PO0ab " + "x".repeat(200)), 133));
        assertThrows(IllegalArgumentException.class, () -> PtsSegments.split(bytes("WV12PO0 SI=S-1"), 10));
    }

    /** Chunks are byte ranges and may cut a character in two; joined as bytes, the message is whole again. */
    @Test
    void multiByteCharactersSurviveSplittingAndReassembly() throws DecodeException {
        String message = "WV12SM7 SI=S-1 MF=((RE,((US,((UI,wv:bob)))))) CD=\"" + "€uro ".repeat(40) + "\"";
        List<byte[]> segments = PtsSegments.split(bytes(message), 40);
        PtsReassembler reassembler = new PtsReassembler(4, 60_000);
        PtsReassembler.Outcome last = null;
        for (byte[] s : segments) {
            last = reassembler.accept("+358401234567", s, 0);
        }
        assertEquals(PtsReassembler.Status.COMPLETE, last.status());
        assertArrayEquals(bytes(message), last.message());
        assertEquals("€uro ".repeat(40), new PtsDecoder(PtsLimits.DEFAULT).decode(last.message()).first().primitive().childText("ContentData"));
    }
}
