package imps.router;

import imps.codec.CspSyntax;
import imps.bus.Bearer;
import imps.bus.CspMessageCodec;
import imps.bus.EventBusAddresses;
import imps.bus.InboundBatch;
import imps.bus.InboundMessage;
import imps.bus.OutboundBatch;
import imps.bus.OutboundMessage;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.SessionType;
import imps.protocol.Transaction;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Messages forwarded to an owner node travel in one event-bus request per owner and event-loop turn,
 * and every caller gets its own answer back, or its own failure.
 */
class OwnerBatchesTest {
    private Vertx vertx;
    private OwnerBatches batches;
    /** Sizes of the batches the owner received, in order. */
    private final List<Integer> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        CspMessageCodec<InboundBatch> in = CspMessageCodec.inboundBatch();
        CspMessageCodec<OutboundBatch> out = CspMessageCodec.outboundBatch();
        vertx.eventBus().registerDefaultCodec(in.type(), in);
        vertx.eventBus().registerDefaultCodec(out.type(), out);
        // The owner answers each message with its own Session-ID; a session named "gone" is not held there.
        vertx.eventBus().<InboundBatch>consumer(EventBusAddresses.inbandOf("owner"), msg -> {
            received.add(msg.body().messages().size());
            msg.reply(new OutboundBatch(msg.body().messages().stream().map(m -> m.message().sessionId().equals("gone")
                    ? OutboundBatch.Answer.failed(EventBusAddresses.NOT_HERE, "not here")
                    : OutboundBatch.Answer.of(OutboundMessage.of(m.message()))).toList()));
        }).completion().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        batches = new OwnerBatches(vertx, new DeliveryOptions().setSendTimeout(5_000));
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static InboundMessage inband(String sessionId) {
        return new InboundMessage(new CspMessage(CspVersion.V1_2, SessionType.INBAND, sessionId,
                List.of(Transaction.request("1", Element.empty("KeepAlive-Request"))), null, null),
                Bearer.http("127.0.0.1:1", "localhost", CspSyntax.XML));
    }

    /** Sends every message from one task on an event loop, as a bearer routing requests of one turn does. */
    private List<Future<OutboundMessage>> sendInOneTurn(String node, List<String> sessionIds) throws Exception {
        CompletableFuture<List<Future<OutboundMessage>>> sent = new CompletableFuture<>();
        vertx.runOnContext(v -> sent.complete(sessionIds.stream().map(sid -> batches.send(node, inband(sid))).toList()));
        List<Future<OutboundMessage>> futures = sent.get(5, TimeUnit.SECONDS);
        Future.join(futures).toCompletionStage().toCompletableFuture().handle((r, e) -> null).get(5, TimeUnit.SECONDS);
        return futures;
    }

    @Test
    void messagesOfOneTurnTravelTogetherAndEachGetsItsOwnAnswer() throws Exception {
        List<Future<OutboundMessage>> answers = sendInOneTurn("owner", List.of("s1", "s2", "s3"));
        assertEquals(List.of(3), received, "one request for the three");
        for (int i = 0; i < 3; i++) {
            assertEquals("s" + (i + 1), answers.get(i).result().message().sessionId());
        }
        sendInOneTurn("owner", List.of("s4"));
        assertEquals(List.of(3, 1), received, "a later turn sends its own batch, without waiting for more");
    }

    @Test
    void theOwnersFailureReachesOnlyItsCaller() throws Exception {
        List<Future<OutboundMessage>> answers = sendInOneTurn("owner", List.of("s1", "gone", "s3"));
        assertEquals("s1", answers.get(0).result().message().sessionId());
        ReplyException notHere = assertInstanceOf(ReplyException.class, answers.get(1).cause());
        assertEquals(ReplyFailure.RECIPIENT_FAILURE, notHere.failureType());
        assertEquals(EventBusAddresses.NOT_HERE, notHere.failureCode());
        assertEquals("s3", answers.get(2).result().message().sessionId());
    }

    @Test
    void aBatchThatCannotBeDeliveredFailsEveryCaller() throws Exception {
        List<Future<OutboundMessage>> answers = sendInOneTurn("nobody", List.of("s1", "s2"));
        for (Future<OutboundMessage> a : answers) {
            assertEquals(ReplyFailure.NO_HANDLERS, assertInstanceOf(ReplyException.class, a.cause()).failureType());
        }
        assertEquals(List.of(), received);
    }

    @Test
    void aLargeTurnIsCutIntoBoundedBatches() throws Exception {
        List<String> ids = IntStream.range(0, 130).mapToObj(i -> "s" + i).toList();
        List<Future<OutboundMessage>> answers = sendInOneTurn("owner", ids);
        assertEquals(List.of(64, 64, 2), received);
        List<String> back = new ArrayList<>();
        answers.forEach(a -> back.add(a.result().message().sessionId()));
        assertEquals(ids, back);
    }

    @Test
    void offAnEventLoopAMessageTravelsAlone() throws Exception {
        OutboundMessage answer = batches.send("owner", inband("s1")).toCompletionStage().toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        assertEquals("s1", answer.message().sessionId());
        ExecutionException failed = assertThrows(ExecutionException.class, () -> batches.send("owner", inband("gone"))
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertEquals(EventBusAddresses.NOT_HERE, ((ReplyException) failed.getCause()).failureCode());
        assertEquals(List.of(1, 1), received);
    }
}
