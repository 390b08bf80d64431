package imps.router;

import imps.bus.EventBusAddresses;
import imps.bus.InboundBatch;
import imps.bus.InboundMessage;
import imps.bus.OutboundBatch;
import imps.bus.OutboundMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Forwards inband messages to the nodes that own their sessions: one event-bus request per owner and
 * event-loop turn. Messages routed on one event loop while it works through the requests that arrived
 * together travel to their owner as one {@link InboundBatch}, and the answers come back as one
 * {@link OutboundBatch}. A clustered event-bus message (its encoding, a socket write and read on both
 * nodes, the reply's way back) costs more than the transaction it usually carries; in a batch that
 * cost is shared. A lone message waits for nothing: its batch leaves when the current turn ends.
 */
final class OwnerBatches {
    /** Enough to share the cost well; a bound so one batch never holds a burst of thousands. */
    private static final int MAX_BATCH = 64;
    private final Vertx vertx;
    private final DeliveryOptions delivery;

    OwnerBatches(Vertx vertx, DeliveryOptions delivery) {
        this.vertx = vertx;
        this.delivery = delivery;
    }

    /**
     * The owner's answer; fails like a single event-bus request would: with the owner's failure code
     * (a {@link ReplyFailure#RECIPIENT_FAILURE}) or with the batch's own failure (time-out, no handler).
     */
    Future<OutboundMessage> send(String node, InboundMessage in) {
        Promise<OutboundMessage> answer = Promise.promise();
        Context context = Vertx.currentContext();
        if (context == null || !context.isEventLoopContext() || !Context.isOnEventLoopThread()) {
            // Not on an event loop: there is no turn to collect over, the message leaves alone.
            Batch alone = new Batch();
            alone.add(in, answer);
            send(node, alone);
            return answer.future();
        }
        // The open batches are per event loop and only ever touched from its thread.
        Map<String, Batch> open = context.get(OwnerBatches.class);
        if (open == null) {
            open = new HashMap<>();
            context.put(OwnerBatches.class, open);
        }
        Batch batch = open.get(node);
        if (batch == null) {
            batch = new Batch();
            open.put(node, batch);
            Map<String, Batch> pending = open;
            context.runOnContext(v -> flush(pending, node));
        }
        batch.add(in, answer);
        if (batch.messages.size() == MAX_BATCH) {
            flush(open, node);
        }
        return answer.future();
    }

    private void flush(Map<String, Batch> open, String node) {
        Batch batch = open.remove(node);
        if (batch != null) {
            send(node, batch);
        }
    }

    private void send(String node, Batch batch) {
        vertx.eventBus().<OutboundBatch>request(EventBusAddresses.inbandOf(node), new InboundBatch(batch.messages), delivery)
                .onComplete(ar -> {
                    for (int i = 0; i < batch.answers.size(); i++) {
                        Promise<OutboundMessage> p = batch.answers.get(i);
                        if (ar.failed()) {
                            p.fail(ar.cause());
                            continue;
                        }
                        OutboundBatch.Answer a = ar.result().body().answers().get(i);
                        if (a.isFailure()) {
                            p.fail(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, a.failureCode(), a.failure()));
                        } else {
                            p.complete(a.message());
                        }
                    }
                });
    }

    /** The messages for one owner collected in the current turn, and who waits for their answers. */
    private static final class Batch {
        final List<InboundMessage> messages = new ArrayList<>();
        final List<Promise<OutboundMessage>> answers = new ArrayList<>();

        void add(InboundMessage in, Promise<OutboundMessage> answer) {
            messages.add(in);
            answers.add(answer);
        }
    }
}
