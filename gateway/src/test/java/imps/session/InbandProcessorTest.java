package imps.session;

import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.SessionType;
import imps.protocol.Transaction;
import imps.protocol.TransactionMode;
import imps.bus.Bearer;
import imps.bus.InboundMessage;
import imps.bus.OutboundMessage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delivery of queued server-initiated primitives (transports §2.2): Polling hands out one at a time
 * with Poll=T while more wait, an unanswered one is re-sent as the same transaction, and the client's
 * answer carries the next one back in the same HTTP reply.
 */
class InbandProcessorTest {
    private final InbandProcessor processor = new InbandProcessor(List.of(), new SessionEvents() { });
    private final Bearer bearer = new Bearer("http", "127.0.0.1", "localhost");

    private SessionContext session() {
        return new SessionContext("S1", "alice", Element.of("ClientID", Element.leaf("URL", "c")), "c",
                CspVersion.V1_2, "XML", "cookie", 600, ClientCapabilities.defaults(30), 0);
    }

    private OutboundMessage send(SessionContext s, TransactionMode mode, String txId, Element primitive) {
        CspMessage m = new CspMessage(CspVersion.V1_2, SessionType.INBAND, "S1",
                List.of(new Transaction(mode, txId, primitive)), null, null);
        return processor.process(s, new InboundMessage(m, bearer), 1).result();
    }

    private static Element notice(String text) {
        return Element.of("NewMessage", Element.leaf("ContentData", text));
    }

    @Test
    void pollingDeliversOneAtATimeRetransmitsUntilAnsweredAndPiggyBacksTheNext() {
        SessionContext s = session();
        s.queue().offer(notice("one"), true, true, 10);
        s.queue().offer(notice("two"), true, true, 10);

        OutboundMessage first = send(s, TransactionMode.REQUEST, null, Element.empty("Polling-Request"));
        Transaction t1 = first.message().first();
        assertEquals(TransactionMode.REQUEST, t1.mode(), "server-initiated primitives travel as requests");
        assertEquals("one", t1.primitive().childText("ContentData"));
        assertEquals(Boolean.TRUE, first.message().poll(), "another primitive waits");

        OutboundMessage again = send(s, TransactionMode.REQUEST, null, Element.empty("Polling-Request"));
        assertEquals(t1, again.message().first(), "unanswered: the same transaction again, not a new copy");

        OutboundMessage afterAck = send(s, TransactionMode.RESPONSE, t1.transactionId(),
                Element.of("Status", Element.of("Result", Element.leaf("Code", "200"))));
        Transaction t2 = afterAck.message().first();
        assertEquals("two", t2.primitive().childText("ContentData"), "the next one rides on the answer to the client's response");
        assertEquals(Boolean.FALSE, afterAck.message().poll());

        OutboundMessage done = send(s, TransactionMode.RESPONSE, t2.transactionId(),
                Element.of("MessageDelivered", Element.leaf("MessageID", "m")));
        assertTrue(done.isEmpty(), "nothing left: an empty 200");
        assertTrue(s.queue().isEmpty());
    }

    @Test
    void anyReplyRaisesPollWhileSomethingIsQueued() {
        SessionContext s = session();
        s.queue().offer(notice("x"), true, true, 10);
        OutboundMessage r = send(s, TransactionMode.REQUEST, "5", Element.empty("Frobnicate-Request"));
        assertEquals(Boolean.TRUE, r.message().poll());
        assertEquals("5", r.message().first().transactionId());
    }

    @Test
    void endedSessionAnswers604ButStillHandsOutItsDisconnect() {
        SessionContext s = session();
        s.end(1);
        s.queue().offer(Element.of("Disconnect", Element.of("Result", Element.leaf("Code", "600"))), false, true, 10);
        OutboundMessage r = send(s, TransactionMode.REQUEST, "7", Element.empty("KeepAlive-Request"));
        assertEquals("604", r.message().first().primitive().child("Result").childText("Code"));
        OutboundMessage d = send(s, TransactionMode.REQUEST, null, Element.empty("Polling-Request"));
        assertEquals("Disconnect", d.message().first().primitive().name());
        assertTrue(send(s, TransactionMode.REQUEST, null, Element.empty("Polling-Request")).isEmpty(),
                "a Disconnect needs no answer and is delivered once");
    }
}
