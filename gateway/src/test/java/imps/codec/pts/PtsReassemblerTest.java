package imps.codec.pts;

import imps.codec.pts.PtsReassembler.Status;
import org.junit.jupiter.api.Test;

import java.util.List;

import static imps.codec.pts.PtsSegmentsTest.SECTION_6;
import static imps.codec.pts.PtsSegmentsTest.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class PtsReassemblerTest {
    private static final String ALICE = "+358401111111";
    private static final String BOB = "+358402222222";
    private static final long TIMEOUT = 60_000;

    private final PtsReassembler reassembler = new PtsReassembler(2, TIMEOUT);
    private final List<byte[]> section6 = PtsSegments.split(bytes(SECTION_6), 133);

    /** Three segments of a message with TransactionID {@code id}. */
    private static List<byte[]> three(String id) {
        return PtsSegments.split(bytes("WV12PO" + id + " SI=" + "x".repeat(40)), 30);
    }

    @Test
    void wholeMessagesAndOtherTextPassStraightThrough() {
        byte[] whole = bytes("WV12PO0 SI=S-1");
        assertSame(whole, reassembler.accept(ALICE, whole, 0).message());
        byte[] other = bytes("HELO S-1");
        PtsReassembler.Outcome o = reassembler.accept(ALICE, other, 0);
        assertEquals(Status.COMPLETE, o.status());
        assertSame(other, o.message());
        assertEquals(0, reassembler.pending());
    }

    @Test
    void segmentsInAnyOrder() {
        PtsReassembler.Outcome first = reassembler.accept(ALICE, section6.get(1), 0);
        assertEquals(Status.PENDING, first.status());
        assertNull(first.message());
        assertEquals(1, reassembler.pending());
        PtsReassembler.Outcome done = reassembler.accept(ALICE, section6.get(0), 10);
        assertEquals(Status.COMPLETE, done.status());
        assertArrayEquals(bytes(SECTION_6), done.message());
        assertEquals(0, reassembler.pending());
    }

    @Test
    void repeatedSegmentsAreIgnored() {
        List<byte[]> s = three("7");
        assertEquals(Status.PENDING, reassembler.accept(ALICE, s.get(0), 0).status());
        assertEquals(Status.DUPLICATE, reassembler.accept(ALICE, s.get(0), 1).status());
        assertEquals(Status.PENDING, reassembler.accept(ALICE, s.get(1), 2).status());
        assertEquals(Status.COMPLETE, reassembler.accept(ALICE, s.get(2), 3).status());
    }

    /** The same TransactionID from two phones makes two messages. */
    @Test
    void sendersDoNotMix() {
        assertEquals(Status.PENDING, reassembler.accept(ALICE, section6.get(0), 0).status());
        assertEquals(Status.PENDING, reassembler.accept(BOB, section6.get(1), 0).status());
        assertEquals(2, reassembler.pending());
        assertArrayEquals(bytes(SECTION_6), reassembler.accept(BOB, section6.get(0), 1).message());
        assertArrayEquals(bytes(SECTION_6), reassembler.accept(ALICE, section6.get(1), 1).message());
    }

    @Test
    void aContradictingSegmentDropsItsMessage() {
        List<byte[]> s = three("7");
        assertEquals(Status.PENDING, reassembler.accept(ALICE, s.get(0), 0).status());
        assertEquals(Status.INCONSISTENT, reassembler.accept(ALICE, bytes("WV12PO7bb xx"), 1).status(), "last index b, not c");
        assertEquals(0, reassembler.pending());
        assertEquals(Status.PENDING, reassembler.accept(ALICE, s.get(1), 2).status(), "starts afresh");
        assertEquals(Status.PENDING, reassembler.accept(ALICE, s.get(2), 3).status(), "segment a was dropped");

        assertEquals(Status.INCONSISTENT, reassembler.accept(BOB, bytes("WV12PO7db xx"), 0).status(), "index past the last");
        assertEquals(Status.PENDING, reassembler.accept(BOB, bytes("WV12PO7ab xx"), 0).status());
        assertEquals(Status.INCONSISTENT, reassembler.accept(BOB, bytes("WV13PO7bb yy"), 0).status(), "another version");
    }

    /** A sender holds at most two incomplete messages here; a third drops the oldest. */
    @Test
    void theOldestIncompleteMessageMakesRoom() {
        List<byte[]> m1 = three("1");
        List<byte[]> m2 = three("2");
        List<byte[]> m3 = three("3");
        reassembler.accept(ALICE, m1.get(0), 0);
        reassembler.accept(ALICE, m2.get(0), 1);
        reassembler.accept(ALICE, m3.get(0), 2);
        assertEquals(2, reassembler.pending());
        assertEquals(Status.PENDING, reassembler.accept(ALICE, m2.get(1), 3).status());
        assertEquals(Status.COMPLETE, reassembler.accept(ALICE, m2.get(2), 4).status());
        assertEquals(Status.PENDING, reassembler.accept(ALICE, m3.get(1), 5).status());
        assertEquals(Status.COMPLETE, reassembler.accept(ALICE, m3.get(2), 6).status());
        reassembler.accept(ALICE, m1.get(1), 7);
        assertEquals(Status.PENDING, reassembler.accept(ALICE, m1.get(2), 8).status(), "segment a of message 1 was dropped");
        reassembler.accept(ALICE, m2.get(0), 9);
        reassembler.accept(BOB, m3.get(0), 9);
        assertEquals(3, reassembler.pending(), "the bound is per sender");
    }

    @Test
    void incompleteMessagesExpire() {
        List<byte[]> s = three("7");
        reassembler.accept(ALICE, s.get(0), 0);
        reassembler.accept(BOB, section6.get(0), 1_000);
        assertEquals(0, reassembler.purgeExpired(TIMEOUT - 1));
        assertEquals(1, reassembler.purgeExpired(TIMEOUT));
        assertEquals(1, reassembler.pending());
        assertEquals(1, reassembler.purgeExpired(TIMEOUT + 1_000));
        assertEquals(0, reassembler.pending());

        reassembler.accept(ALICE, s.get(0), 0);
        reassembler.accept(ALICE, s.get(1), 1);
        assertEquals(Status.PENDING, reassembler.accept(ALICE, s.get(2), TIMEOUT + 5).status(), "an expired message starts afresh");
    }
}
