package imps.session.owner;

import imps.session.SessionActor;
import imps.bus.EventBusAddresses;
import imps.bus.InboundBatch;
import imps.bus.InboundMessage;
import imps.bus.OutboundBatch;
import imps.bus.OutboundMessage;
import imps.bus.SessionOp;
import imps.protocol.CspException;
import imps.protocol.CspMessage;
import imps.protocol.Result;
import imps.protocol.StatusCode;
import imps.protocol.StatusRules;
import imps.protocol.Transaction;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Hosts session owners on one event loop and dispatches to them: logins (each new session lives on
 * the host that created it), inband messages (alone or forwarded together by another node), owner
 * operations and restores. A node deploys one per event loop ({@link SessionHosts}).
 */
public final class SessionHostVerticle extends VerticleBase {
    private final SessionHosts node;
    private HostedSessions hosted;
    private OwnershipMoves moves;

    SessionHostVerticle(SessionHosts node) {
        this.node = node;
    }

    @Override
    public Future<?> start() {
        hosted = node.hostedSessions();
        moves = new OwnershipMoves(context, vertx.eventBus(), hosted, node.registries(), node.lifecycle());
        ExpirySweep sweep = node.expirySweep(hosted);
        EventBus bus = vertx.eventBus();
        String nodeId = hosted.nodeId();
        List<MessageConsumer<?>> consumers = new ArrayList<>();
        consumers.add(bus.<InboundMessage>localConsumer(EventBusAddresses.LOGIN, this::login));
        consumers.add(bus.<InboundMessage>localConsumer(EventBusAddresses.INBAND_LOCAL, this::inband));
        consumers.add(bus.<InboundBatch>consumer(EventBusAddresses.inbandOf(nodeId), this::inbandBatch));
        consumers.add(bus.<SessionOp<?>>consumer(EventBusAddresses.opsOf(nodeId), this::operation));
        consumers.add(bus.<String>consumer(EventBusAddresses.restoreOf(nodeId), moves::restore));
        node.started(moves);
        vertx.setPeriodic(node.sweepIntervalMillis(), id -> sweep.run());
        return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
    }

    private void login(Message<InboundMessage> msg) {
        InboundMessage in = msg.body();
        CspMessage req = in.message();
        SessionActor[] created = new SessionActor[1];
        node.login().process(in, session -> hosted.claim(new SessionActor(session, context)).map(actor -> {
                    created[0] = actor;
                    return null;
                }), node.cirOffer(in.bearer()))
                .compose(outcome -> created[0] == null ? Future.succeededFuture(outcome) : hosted.save(created[0]).map(outcome))
                .onSuccess(outcome -> msg.reply(OutboundMessage.of(new CspMessage(req.version(), req.sessionType(),
                        outcome.envelopeSessionId(), List.of(Transaction.response(req.first().transactionId(),
                        outcome.response())), false, null))))
                .onFailure(err -> msg.reply(internalError(req)));
    }

    private void inband(Message<InboundMessage> msg) {
        answer(msg.body()).onSuccess(a -> {
            if (a.isFailure()) {
                msg.fail(a.failureCode(), a.failure());
            } else {
                msg.reply(a.message());
            }
        });
    }

    /** Messages forwarded together by another node: each goes to its session's actor, the answers go back together. */
    private void inbandBatch(Message<InboundBatch> msg) {
        List<Future<OutboundBatch.Answer>> answers = msg.body().messages().stream().map(this::answer).toList();
        Future.all(answers).onComplete(ar -> msg.reply(new OutboundBatch(answers.stream().map(Future::result).toList())));
    }

    /**
     * Processes one inband message in its session's actor. Never fails: a session not held here (or
     * handed over while the message waited) answers {@link EventBusAddresses#NOT_HERE}, so the caller
     * looks the owner up again.
     */
    private Future<OutboundBatch.Answer> answer(InboundMessage in) {
        SessionActor actor = hosted.find(in.message().sessionId());
        if (actor == null) {
            return Future.succeededFuture(OutboundBatch.Answer.failed(EventBusAddresses.NOT_HERE,
                    "session not held by " + hosted.nodeId()));
        }
        return actor.submit(() -> hosted.held(actor, () -> hosted.persisted(actor,
                        () -> node.processor().process(actor.session(), in, hosted.now()))))
                .map(OutboundBatch.Answer::of)
                .otherwise(err -> err instanceof HostedSessions.SessionMoved
                        ? OutboundBatch.Answer.failed(EventBusAddresses.NOT_HERE, err.getMessage())
                        : OutboundBatch.Answer.of(internalError(in.message())));
    }

    private void operation(Message<SessionOp<?>> msg) {
        SessionOp<?> op = msg.body();
        SessionActor actor = hosted.find(op.sessionId());
        if (actor == null) {
            msg.fail(EventBusAddresses.NOT_HERE, "session not held by " + hosted.nodeId());
            return;
        }
        Supplier<Future<JsonObject>> step = () -> hosted.held(actor, () -> hosted.persisted(actor,
                () -> node.operations().apply(actor.session(), op, hosted.now())));
        (op.isTransaction() ? actor.submit(step) : actor.runNow(step))
                .onSuccess(msg::reply)
                .onFailure(err -> {
                    if (err instanceof HostedSessions.SessionMoved) {
                        msg.fail(EventBusAddresses.NOT_HERE, err.getMessage());
                    } else if (err instanceof CspException e) {
                        msg.fail(e.status().code(), e.result().description());
                    } else {
                        msg.fail(StatusCode.INTERNAL_ERROR.code(), String.valueOf(err.getMessage()));
                    }
                });
    }

    private static OutboundMessage internalError(CspMessage req) {
        return OutboundMessage.of(new CspMessage(req.version(), req.sessionType(), req.sessionId(),
                List.of(Transaction.response(req.first().transactionId(),
                        StatusRules.status(Result.of(StatusCode.INTERNAL_ERROR)))), false, null));
    }
}
