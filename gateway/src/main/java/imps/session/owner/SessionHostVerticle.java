package imps.session.owner;

import imps.bus.EventBusAddresses;
import imps.bus.InboundBatch;
import imps.bus.InboundMessage;
import imps.bus.OutboundBatch;
import imps.bus.OutboundMessage;
import imps.bus.SessionOp;
import imps.protocol.CspMessage;
import imps.protocol.StatusCode;
import imps.protocol.Transaction;
import imps.session.SessionActor;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;

import java.util.ArrayList;
import java.util.List;

/**
 * Hosts session owners on one event loop and dispatches to them: logins (each new session lives on
 * the host that created it), inband messages (alone or forwarded together by another node), owner
 * operations and restores. A node deploys one per event loop ({@link SessionHosts}).
 */
public final class SessionHostVerticle extends VerticleBase {
    private final SessionHosts node;
    private HostedSessions hosted;
    private OwnerDispatch dispatch;
    private OwnershipMoves moves;

    SessionHostVerticle(SessionHosts node) {
        this.node = node;
    }

    @Override
    public Future<?> start() {
        hosted = node.hostedSessions();
        dispatch = new OwnerDispatch(hosted, node);
        moves = new OwnershipMoves(context, vertx.eventBus(), hosted, node.registries(), node.lifecycle());
        ExpirySweep sweep = node.expirySweep(hosted, work -> context.runOnContext(v -> work.run()));
        EventBus bus = vertx.eventBus();
        String nodeId = hosted.nodeId();
        List<MessageConsumer<?>> consumers = new ArrayList<>();
        consumers.add(bus.<InboundMessage>localConsumer(EventBusAddresses.LOGIN, msg -> login(msg.body()).onSuccess(msg::reply)));
        consumers.add(bus.<InboundMessage>localConsumer(EventBusAddresses.INBAND_LOCAL, this::inband));
        consumers.add(bus.<InboundBatch>consumer(EventBusAddresses.inbandOf(nodeId), this::inbandBatch));
        consumers.add(bus.<SessionOp<?>>consumer(EventBusAddresses.opsOf(nodeId), this::operation));
        consumers.add(bus.<String>consumer(EventBusAddresses.restoreOf(nodeId), moves::restore));
        node.started(moves, context, this::login);
        vertx.setPeriodic(node.sweepIntervalMillis(), id -> sweep.run());
        return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
    }

    /** Logs in on this host (on its event loop): the new session is this host's. Never fails: a failure is answered 500. */
    private Future<OutboundMessage> login(InboundMessage in) {
        CspMessage req = in.message();
        SessionActor[] created = new SessionActor[1];
        return node.login().process(in, session -> hosted.claim(new SessionActor(session, context)).map(actor -> {
                    created[0] = actor;
                    return null;
                }), node.cirOffer(in.bearer()))
                .compose(outcome -> created[0] == null ? Future.succeededFuture(outcome) : hosted.save(created[0]).map(outcome))
                .map(outcome -> OutboundMessage.of(new CspMessage(req.version(), req.sessionType(),
                        outcome.envelopeSessionId(), List.of(Transaction.response(req.first().transactionId(),
                        outcome.response())), false, null)))
                .otherwise(err -> OwnerDispatch.internalError(req));
    }

    private void inband(Message<InboundMessage> msg) {
        dispatch.answer(msg.body()).onSuccess(a -> {
            if (a.isFailure()) {
                msg.fail(a.failureCode(), a.failure());
            } else {
                msg.reply(a.message());
            }
        });
    }

    /** Messages forwarded together by another node: each goes to its session's actor, the answers go back together. */
    private void inbandBatch(Message<InboundBatch> msg) {
        List<Future<OutboundBatch.Answer>> answers = msg.body().messages().stream().map(dispatch::answer).toList();
        Future.all(answers).onComplete(ar -> msg.reply(new OutboundBatch(answers.stream().map(Future::result).toList())));
    }

    private void operation(Message<SessionOp<?>> msg) {
        dispatch.operate(msg.body()).onComplete(ar -> {
            if (ar.succeeded()) {
                msg.reply(ar.result());
            } else if (ar.cause() instanceof ReplyException e) {
                msg.fail(e.failureCode(), e.getMessage());
            } else {
                msg.fail(StatusCode.INTERNAL_ERROR.code(), String.valueOf(ar.cause().getMessage()));
            }
        });
    }
}
