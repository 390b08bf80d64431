package imps.bus;

import imps.codec.CspSyntax;
import imps.TestData;
import imps.codec.xml.XmlDecoder;
import imps.codec.xml.XmlLimits;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.SessionType;
import imps.protocol.Transaction;
import imps.protocol.TransactionMode;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CspMessageCodecTest {
    private final CspMessageCodec<InboundMessage> inbound = CspMessageCodec.inbound();
    private final CspMessageCodec<OutboundMessage> outbound = CspMessageCodec.outbound();

    static CspMessage sample(CspVersion version, Boolean poll, Boolean cir) {
        Element primitive = Element.builder("SendMessage-Request")
                .leaf("DeliveryReport", "F")
                .add(Element.of("MessageInfo",
                        Element.of("Recipient", Element.of("User", Element.leaf("UserID", "wv:alice"))),
                        Element.leaf("ContentSize", "47")))
                .leaf("ContentData", "Hello <&> éè € 😀")
                .leaf("Empty", "")
                .add(Element.empty("Flag"))
                .build();
        return new CspMessage(version, SessionType.INBAND, "S3a4e95e6",
                List.of(Transaction.request("8", primitive),
                        new Transaction(TransactionMode.RESPONSE, null, Element.empty("Polling-Request"))),
                poll, cir);
    }

    private <T> T roundTrip(CspMessageCodec<T> codec, T value) {
        Buffer buffer = Buffer.buffer();
        codec.encodeToWire(buffer, value);
        return codec.decodeFromWire(0, buffer);
    }

    @ParameterizedTest
    @EnumSource(CspVersion.class)
    void inboundMessageSurvivesTheWire(CspVersion version) {
        InboundMessage in = new InboundMessage(sample(version, null, null), Bearer.http("10.0.0.7:51234", "imps.local", CspSyntax.XML));
        InboundMessage back = roundTrip(inbound, in);
        assertEquals(in, back);
        assertNull(back.message().poll());
        assertNull(back.message().cirFlag());
    }

    @Test
    void outbandInboundMessageWithNullBearerFieldsSurvivesTheWire() {
        CspMessage login = CspMessage.of(CspVersion.V1_1, null, Transaction.request("1",
                Element.of("Login-Request", Element.leaf("UserID", "alice"))));
        InboundMessage in = new InboundMessage(login, Bearer.sms(null));
        InboundMessage back = roundTrip(inbound, in);
        assertEquals(in, back);
        assertEquals(SessionType.OUTBAND, back.message().sessionType());
        assertNull(back.message().sessionId());
    }

    @Test
    void outboundMessageSurvivesTheWireWithEveryFlagCombination() {
        Boolean[] values = {null, Boolean.TRUE, Boolean.FALSE};
        for (Boolean poll : values) {
            for (Boolean cir : values) {
                OutboundMessage out = OutboundMessage.of(sample(CspVersion.V1_2, poll, cir));
                OutboundMessage back = roundTrip(outbound, out);
                assertEquals(out, back, "poll=" + poll + " cir=" + cir);
                assertEquals(poll, back.message().poll());
                assertEquals(cir, back.message().cirFlag());
            }
        }
    }

    @Test
    void emptyOutboundMessageSurvivesTheWire() {
        OutboundMessage back = roundTrip(outbound, OutboundMessage.EMPTY);
        assertTrue(back.isEmpty());
        assertNull(back.message());
        assertEquals(OutboundMessage.EMPTY, back);
    }

    /**
     * The answer a node of the previous build writes (with an always-empty namespace slot after the
     * message) is read by this one, and the other way round, so a rolling upgrade keeps forwarding.
     */
    @Test
    void anAnswerKeepsThePreviousWireForm() {
        OutboundMessage out = OutboundMessage.of(sample(CspVersion.V1_2, Boolean.FALSE, null));
        Buffer mine = Buffer.buffer();
        outbound.encodeToWire(mine, out);
        Buffer withoutSlot = mine.getBuffer(0, mine.length() - 4);
        Buffer previousBuild = withoutSlot.copy().appendInt(-1);
        assertEquals(mine, previousBuild, "the message, then a null string");
        assertEquals(out, outbound.decodeFromWire(0, previousBuild));
    }

    @Test
    void decodeStartsAtTheGivenPosition() {
        Buffer buffer = Buffer.buffer().appendInt(0xCAFEBABE).appendString("prefix");
        int pos = buffer.length();
        OutboundMessage out = OutboundMessage.of(sample(CspVersion.V1_3, Boolean.TRUE, Boolean.FALSE));
        outbound.encodeToWire(buffer, out);
        assertEquals(out, outbound.decodeFromWire(pos, buffer));

        Buffer inBuffer = Buffer.buffer().appendByte((byte) 7);
        InboundMessage in = new InboundMessage(sample(CspVersion.V1_1, null, null), Bearer.http("a", "b", CspSyntax.XML));
        inbound.encodeToWire(inBuffer, in);
        assertEquals(in, inbound.decodeFromWire(1, inBuffer));
    }

    @Test
    void realClientRequestsSurviveTheWire() throws Exception {
        XmlDecoder decoder = new XmlDecoder(XmlLimits.DEFAULT);
        List<InboundMessage> all = new ArrayList<>();
        for (Path file : TestData.allHttpRequests()) {
            all.add(new InboundMessage(decoder.decode(TestData.body(file)), Bearer.http("127.0.0.1", "localhost", CspSyntax.XML)));
        }
        assertTrue(all.size() >= 200);
        for (InboundMessage in : all) {
            assertEquals(in, roundTrip(inbound, in));
        }
    }

    @Test
    void batchesSurviveTheWireInOrderWithTheOwnersFailures() {
        InboundBatch batch = new InboundBatch(List.of(
                new InboundMessage(sample(CspVersion.V1_2, null, null), Bearer.http("10.0.0.7:1", "imps.local", CspSyntax.XML)),
                new InboundMessage(sample(CspVersion.V1_3, null, Boolean.TRUE), new Bearer("tcp", null, null, CspSyntax.XML))));
        assertEquals(batch, roundTrip(CspMessageCodec.inboundBatch(), batch));
        assertEquals(new InboundBatch(List.of()), roundTrip(CspMessageCodec.inboundBatch(), new InboundBatch(List.of())));

        OutboundBatch answers = new OutboundBatch(List.of(
                OutboundBatch.Answer.of(OutboundMessage.of(sample(CspVersion.V1_2, Boolean.TRUE, null))),
                OutboundBatch.Answer.failed(EventBusAddresses.NOT_HERE, "session not held by n2"),
                OutboundBatch.Answer.of(OutboundMessage.EMPTY)));
        OutboundBatch back = roundTrip(CspMessageCodec.outboundBatch(), answers);
        assertEquals(answers, back);
        assertTrue(back.answers().get(1).isFailure());
        assertEquals(EventBusAddresses.NOT_HERE, back.answers().get(1).failureCode());
        assertTrue(back.answers().get(2).message().isEmpty());
    }

    @Test
    void localDeliveryPassesTheSameObjectAndCodecsHaveDistinctNames() {
        OutboundMessage out = OutboundMessage.of(sample(CspVersion.V1_2, null, null));
        assertSame(out, outbound.transform(out));
        assertNotEquals(inbound.name(), outbound.name());
        assertEquals(-1, inbound.systemCodecID());
        assertEquals(InboundMessage.class, inbound.type());
        assertEquals(OutboundMessage.class, outbound.type());
    }
}
