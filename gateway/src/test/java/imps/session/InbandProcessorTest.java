package imps.session;

import imps.codec.CspSyntax;
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
 * Delivery of queued server-initiated primitives (docs/conformance.md "Server transactions"): each
 * Polling-Request hands out the next transaction not yet handed out, with Poll=T while more wait; an
 * unanswered one is not handed out again before its time-out; the client's answer gets an empty
 * reply; an answer to no known transaction gets 420.
 */
class InbandProcessorTest {
    private static final long TIMEOUT = java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    private final InbandProcessor processor = new InbandProcessor(List.of(), new SessionEvents() { },
            new OutboundQueue.Retransmission(TIMEOUT, 3), imps.telemetry.Telemetry.NONE);
    private final Bearer bearer = Bearer.http("127.0.0.1", "localhost", CspSyntax.XML);
    private long now = 1;

    private SessionContext session() {
        return new SessionContext("S1", "alice", Element.of("ClientID", Element.leaf("URL", "c")),
                CspVersion.V1_2, "XML", "cookie", 600, ClientCapabilities.defaults(30), 0);
    }

    private OutboundMessage send(SessionContext s, TransactionMode mode, String txId, Element primitive) {
        CspMessage m = new CspMessage(CspVersion.V1_2, SessionType.INBAND, "S1",
                List.of(new Transaction(mode, txId, primitive)), null, null);
        return processor.process(s, new InboundMessage(m, bearer), now).result();
    }

    private OutboundMessage poll(SessionContext s) {
        return send(s, TransactionMode.REQUEST, null, Element.empty("Polling-Request"));
    }

    private static Element notice(String text) {
        return Element.of("NewMessage", Element.leaf("ContentData", text));
    }

    private static Element status200() {
        return Element.of("Status", Element.of("Result", Element.leaf("Code", "200")));
    }

    @Test
    void eachPollHandsOutTheNextTransactionAndAnswersGetAnEmptyReply() {
        SessionContext s = session();
        s.queueToChange().offer(notice("one"), true, null, true, 10);
        s.queueToChange().offer(notice("two"), true, null, true, 10);

        OutboundMessage first = poll(s);
        Transaction t1 = first.message().first();
        assertEquals(TransactionMode.REQUEST, t1.mode(), "server-initiated primitives travel as requests");
        assertEquals("one", t1.primitive().childText("ContentData"));
        assertEquals(Boolean.TRUE, first.message().poll(), "another primitive waits");

        OutboundMessage second = poll(s);
        Transaction t2 = second.message().first();
        assertEquals("two", t2.primitive().childText("ContentData"), "the next one, not the unanswered first again");
        assertEquals(Boolean.FALSE, second.message().poll());
        assertTrue(poll(s).isEmpty(), "both handed out and neither due: nothing to collect");

        assertTrue(send(s, TransactionMode.RESPONSE, t1.transactionId(), status200()).isEmpty(),
                "the client's answer gets an empty 200");
        assertTrue(send(s, TransactionMode.RESPONSE, t2.transactionId(),
                Element.of("MessageDelivered", Element.leaf("MessageID", "m"))).isEmpty());
        assertTrue(s.queue().isEmpty());
    }

    @Test
    void anUnansweredTransactionIsHandedOutAgainAfterItsTimeOutWithTheSameTransactionId() {
        SessionContext s = session();
        s.queueToChange().offer(notice("one"), true, null, true, 10);
        Transaction t1 = poll(s).message().first();
        now += TIMEOUT;
        OutboundMessage keepAlive = send(s, TransactionMode.REQUEST, "9", Element.empty("Frobnicate-Request"));
        assertEquals(Boolean.TRUE, keepAlive.message().poll(), "due again: Poll T");
        assertEquals(t1, poll(s).message().first());
    }

    @Test
    void anAnswerToNoKnownTransactionIs420AndLeavesTheOutstandingOneAlone() {
        SessionContext s = session();
        s.queueToChange().offer(notice("one"), true, null, true, 10);
        Transaction t1 = poll(s).message().first();
        OutboundMessage r = send(s, TransactionMode.RESPONSE, "777", status200());
        Transaction refusal = r.message().first();
        assertEquals("777", refusal.transactionId());
        assertEquals("Status", refusal.primitive().name());
        assertEquals("420", refusal.primitive().child("Result").childText("Code"));
        assertEquals(1, s.queue().size(), "the outstanding transaction still awaits its answer");
        assertTrue(send(s, TransactionMode.RESPONSE, t1.transactionId(), status200()).isEmpty());
        assertTrue(send(s, TransactionMode.RESPONSE, t1.transactionId(), status200()).isEmpty(),
                "a repeated answer is taken quietly");
    }

    @Test
    void anAnswerSentAsARequestIsNotUnderstoodAndSettlesNothing() {
        SessionContext s = session();
        s.queueToChange().offer(notice("one"), true, null, true, 10);
        Transaction t1 = poll(s).message().first();
        OutboundMessage r = send(s, TransactionMode.REQUEST, t1.transactionId(), status200());
        assertEquals("400", r.message().first().primitive().child("Result").childText("Code"));
        assertEquals(1, s.queue().size(), "still outstanding until its time-out");
    }

    @Test
    void overSmsWithoutAPollFlagTheAnswerCarriesTheNextTransaction() {
        SessionContext s = session();
        s.queueToChange().offer(notice("one"), true, null, true, 10);
        s.queueToChange().offer(notice("two"), true, null, true, 10);
        Bearer sms = Bearer.sms("4917000001");
        CspMessage poll = new CspMessage(CspVersion.V1_2, SessionType.INBAND, "S1",
                List.of(new Transaction(TransactionMode.REQUEST, null, Element.empty("Polling-Request"))), null, null);
        Transaction t1 = processor.process(s, new InboundMessage(poll, sms), now).result().message().first();
        CspMessage answer = new CspMessage(CspVersion.V1_2, SessionType.INBAND, "S1",
                List.of(new Transaction(TransactionMode.RESPONSE, t1.transactionId(), status200())), null, null);
        OutboundMessage r = processor.process(s, new InboundMessage(answer, sms), now).result();
        assertEquals("two", r.message().first().primitive().childText("ContentData"));
        assertEquals(TransactionMode.REQUEST, r.message().first().mode());
        assertTrue(processor.process(s, new InboundMessage(poll, sms), now).result().isEmpty(),
                "handed out with the answer, so not again on the next poll");
    }

    @Test
    void anyReplyRaisesPollWhileSomethingIsQueued() {
        SessionContext s = session();
        s.queueToChange().offer(notice("x"), true, null, true, 10);
        OutboundMessage r = send(s, TransactionMode.REQUEST, "5", Element.empty("Frobnicate-Request"));
        assertEquals(Boolean.TRUE, r.message().poll());
        assertEquals("5", r.message().first().transactionId());
    }

    @Test
    void endedSessionAnswers604ButStillHandsOutItsDisconnect() {
        SessionContext s = session();
        s.end(1);
        s.queueToChange().offer(Element.of("Disconnect", Element.of("Result", Element.leaf("Code", "600"))), false, null, true, 10);
        OutboundMessage r = send(s, TransactionMode.REQUEST, "7", Element.empty("KeepAlive-Request"));
        assertEquals("604", r.message().first().primitive().child("Result").childText("Code"));
        OutboundMessage d = poll(s);
        assertEquals("Disconnect", d.message().first().primitive().name());
        assertTrue(poll(s).isEmpty(),
                "a Disconnect needs no answer and is delivered once");
    }
}
