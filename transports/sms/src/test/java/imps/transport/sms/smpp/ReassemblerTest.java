package imps.transport.sms.smpp;

import imps.transport.sms.UserDataHeader.Concatenation;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

@ExtendWith(VertxExtension.class)
class ReassemblerTest {
    private static final long TIMEOUT_MILLIS = 200;

    private Vertx vertx;
    private OnContext context;
    private Reassembler reassembler;

    @BeforeEach
    void setUp(Vertx vertx) {
        this.vertx = vertx;
        this.context = new OnContext(vertx.getOrCreateContext());
        this.reassembler = new Reassembler(vertx, TIMEOUT_MILLIS, 2, 3);
    }

    @Test
    void partsJoinInPartOrderWhateverTheArrivalOrder() throws Exception {
        assertNull(accept(part("+1", 7, 3, 3, null, "ghi")));
        assertNull(accept(part("+1", 7, 3, 1, 3590, "abc")));
        InboundPart whole = accept(part("+1", 7, 3, 2, null, "def"));
        assertNotNull(whole);
        assertArrayEquals("abcdefghi".getBytes(), whole.userData());
        assertEquals(3590, whole.destinationPort(), "the port of the part that had one");
        assertNull(whole.concatenation());
        assertEquals("+1", whole.sender());
    }

    @Test
    void aPlainMessagePassesThrough() throws Exception {
        InboundPart plain = new InboundPart("+1", "3590", null, null, 0, new byte[] {1});
        assertSame(plain, accept(plain));
    }

    @Test
    void aRepeatedPartIsIgnored() throws Exception {
        assertNull(accept(part("+1", 1, 2, 1, null, "a")));
        assertNull(accept(part("+1", 1, 2, 1, null, "A")));
        assertArrayEquals("ab".getBytes(), accept(part("+1", 1, 2, 2, null, "b")).userData());
    }

    @Test
    void theSameReferenceFromTwoPhonesIsTwoMessages() throws Exception {
        assertNull(accept(part("+1", 5, 2, 1, null, "a")));
        assertNull(accept(part("+2", 5, 2, 2, null, "Y")));
        assertArrayEquals("ab".getBytes(), accept(part("+1", 5, 2, 2, null, "b")).userData());
        assertArrayEquals("XY".getBytes(), accept(part("+2", 5, 2, 1, null, "X")).userData());
    }

    @Test
    void aPhoneOverItsLimitLosesItsOldestIncompleteMessage() throws Exception {
        assertNull(accept(part("+1", 1, 2, 1, null, "a")));
        assertNull(accept(part("+1", 2, 2, 1, null, "c")));
        assertNull(accept(part("+1", 3, 2, 1, null, "e")), "a third incomplete message pushes out the first");
        assertArrayEquals("cd".getBytes(), accept(part("+1", 2, 2, 2, null, "d")).userData());
        assertArrayEquals("ef".getBytes(), accept(part("+1", 3, 2, 2, null, "f")).userData());
        assertNull(accept(part("+1", 1, 2, 2, null, "b")), "message 1 starts over");
    }

    @Test
    void allPhonesTogetherHaveALimitToo() throws Exception {
        assertNull(accept(part("+1", 1, 2, 1, null, "a")));
        assertNull(accept(part("+2", 1, 2, 1, null, "c")));
        assertNull(accept(part("+3", 1, 2, 1, null, "e")));
        assertNull(accept(part("+4", 1, 2, 1, null, "g")), "a fourth pushes out the oldest of all");
        assertArrayEquals("cd".getBytes(), accept(part("+2", 1, 2, 2, null, "d")).userData());
        assertNull(accept(part("+1", 1, 2, 2, null, "b")), "the message from +1 starts over");
    }

    @Test
    void anIncompleteMessageIsDroppedAfterTheTimeout() throws Exception {
        Promise<InboundPart> late = Promise.promise();
        context.run(() -> {
            reassembler.accept(part("+1", 9, 2, 1, null, "a"));
            // Scheduled after the reassembly timer on the same event loop, so it runs after the drop.
            vertx.setTimer(TIMEOUT_MILLIS * 2, id -> late.complete(reassembler.accept(part("+1", 9, 2, 2, null, "b"))));
        });
        assertNull(late.future().await(10, TimeUnit.SECONDS), "part 2 starts a new message");
    }

    @Test
    void clearDropsEverything() throws Exception {
        assertNull(accept(part("+1", 4, 2, 1, null, "a")));
        context.run(reassembler::clear);
        assertNull(accept(part("+1", 4, 2, 2, null, "b")));
    }

    private InboundPart accept(InboundPart part) throws Exception {
        return context.call(() -> reassembler.accept(part));
    }

    private static InboundPart part(String sender, int reference, int parts, int part, Integer port, String data) {
        return new InboundPart(sender, "3590", port, new Concatenation(reference, parts, part), 0x04, data.getBytes());
    }
}
