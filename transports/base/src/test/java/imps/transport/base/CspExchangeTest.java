package imps.transport.base;

import imps.bus.OutboundMessage;
import imps.codec.CspCodec;
import imps.codec.CspCodecs;
import imps.codec.DecodeException;
import imps.codec.xml.XmlLimits;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.SessionType;
import imps.protocol.Transaction;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The answers a bearer gets from the exchange when the router's answer cannot be carried or the request read. */
class CspExchangeTest {
    private static final CspCodec XML = CspCodecs.xml(XmlLimits.DEFAULT);
    private final CspExchange exchange = new CspExchange(null, List.of("1.2", "1.3"));

    private static OutboundMessage answer(Transaction tx) {
        return OutboundMessage.of(new CspMessage(CspVersion.V1_2, SessionType.INBAND, "S-1", List.of(tx), false, null));
    }

    private static CspMessage decoded(CspExchange.Outcome outcome) throws DecodeException {
        return XML.decode(((CspExchange.Outcome.Answer) outcome).bytes());
    }

    @Test
    void aResponseTheBearerCannotCarryBecomesStatus432ForTheSameTransaction() throws DecodeException {
        OutboundMessage big = answer(Transaction.response("7", Element.builder("GetList-Response")
                .leaf("ContactList", "x".repeat(5000)).build()));
        CspExchange.Outcome outcome = CspExchange.encoded(big, XML, bytes -> bytes.length < 1000);
        assertTrue(((CspExchange.Outcome.Answer) outcome).tooLarge());
        Transaction tx = decoded(outcome).first();
        assertEquals("Status", tx.primitiveName());
        assertEquals("7", tx.transactionId());
        assertEquals("432", tx.primitive().child("Result").childText("Code"));
        assertEquals("S-1", decoded(outcome).sessionId());
    }

    @Test
    void aServerTransactionTooLargeIsNotSentAndStaysForAnotherBearer() {
        OutboundMessage pushed = answer(Transaction.request("s-3", Element.builder("NewMessage")
                .leaf("ContentData", "x".repeat(5000)).build()));
        CspExchange.Outcome.Answer answer = (CspExchange.Outcome.Answer) CspExchange.encoded(pushed, XML, bytes -> bytes.length < 1000);
        assertTrue(answer.tooLarge());
        assertTrue(answer.isEmpty());
    }

    @Test
    void whatFitsGoesOutAsItIs() throws DecodeException {
        OutboundMessage small = answer(Transaction.response("8", Element.empty("KeepAlive-Response")));
        CspExchange.Outcome outcome = CspExchange.encoded(small, XML, bytes -> true);
        assertFalse(((CspExchange.Outcome.Answer) outcome).tooLarge());
        assertEquals("KeepAlive-Response", decoded(outcome).first().primitiveName());
    }

    @Test
    void anUndecodableMessageIsAnsweredInTheVersionItDeclaredOrTheBearerImplies() {
        OutboundMessage malformed = exchange.undecodable(new DecodeException(DecodeException.Kind.MALFORMED,
                "bad", null, "S-9", "3"), CspVersion.V1_3);
        assertEquals(CspVersion.V1_3, malformed.message().version());
        assertEquals("S-9", malformed.message().sessionId());
        assertEquals("400", malformed.message().first().primitive().child("Result").childText("Code"));
        OutboundMessage unsupported = exchange.undecodable(new DecodeException(DecodeException.Kind.UNSUPPORTED_VERSION,
                "1.4", null, null, "4"), CspVersion.V1_2);
        assertEquals("505", unsupported.message().first().primitive().child("Result").childText("Code"));
        assertEquals(SessionType.OUTBAND, unsupported.message().sessionType());
        assertTrue(unsupported.message().first().primitive().child("Result").childText("Description").contains("1.2, 1.3"));
    }
}
