package imps.session;

import imps.session.cir.CirBinding;
import imps.protocol.CspException;
import imps.protocol.CspMessage;
import imps.protocol.Result;
import imps.protocol.SessionType;
import imps.protocol.StatusCode;
import imps.protocol.StatusRules;
import imps.protocol.Transaction;
import imps.bus.EventBusAddresses;
import imps.bus.InboundBatch;
import imps.bus.InboundMessage;
import imps.bus.OutboundBatch;
import imps.bus.OutboundMessage;
import imps.bus.SessionOp;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Hosts session owners on one event loop. A node deploys one instance per event loop; logins are
 * spread over them and each new session lives on the instance that created it. It also enforces
 * expiry (no transaction within KeepAliveTime + grace: the session ends and a Disconnect 600 is
 * queued, seed 002 §6.6) and drops ended contexts when their retention runs out.
 */
public final class SessionHostVerticle extends VerticleBase {
    private final SessionCore core;
    private final int instances;
    /**
     * Sessions a host hands over at the same time while draining: enough to keep the replica writes
     * and restores flowing, few enough that a request arriving meanwhile, or a session's own hand-over,
     * does not queue behind thousands of others.
     */
    private static final int DRAIN_PARALLELISM = 64;
    private final Map<String, SessionActor> mine = new HashMap<>();

    public SessionHostVerticle(SessionCore core, int instances) {
        this.core = core;
        this.instances = Math.max(1, instances);
    }

    @Override
    public Future<?> start() {
        var bus = vertx.eventBus();
        List<MessageConsumer<?>> consumers = new ArrayList<>();
        consumers.add(bus.<InboundMessage>localConsumer(EventBusAddresses.LOGIN, this::login));
        consumers.add(bus.<InboundMessage>localConsumer(EventBusAddresses.INBAND_LOCAL, this::inband));
        consumers.add(bus.<InboundBatch>consumer(EventBusAddresses.inbandOf(core.nodeId()), this::inbandBatch));
        consumers.add(bus.<SessionOp<?>>consumer(EventBusAddresses.opsOf(core.nodeId()), this::operation));
        consumers.add(bus.<String>consumer(EventBusAddresses.restoreOf(core.nodeId()), this::restore));
        core.hosts().add(this);
        vertx.setPeriodic(core.config().session().sweepIntervalMillis(), id -> sweep());
        return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
    }

    private void login(Message<InboundMessage> msg) {
        InboundMessage in = msg.body();
        CspMessage req = in.message();
        SessionActor[] created = new SessionActor[1];
        core.login().process(in, session -> adopt(session).map(actor -> {
                    created[0] = actor;
                    return null;
                }), core.cirOffer(in.bearer()))
                .compose(outcome -> created[0] == null ? Future.succeededFuture(outcome) : save(created[0]).map(outcome))
                .onSuccess(outcome -> msg.reply(OutboundMessage.of(new CspMessage(req.version(), req.sessionType(),
                        outcome.envelopeSessionId(), List.of(Transaction.response(req.first().transactionId(),
                        outcome.response())), false, null))))
                .onFailure(err -> msg.reply(internalError(req)));
    }

    private Future<SessionActor> adopt(SessionContext session) {
        SessionActor actor = new SessionActor(session, context);
        return core.registries().directory().claim(session.sessionId(), core.nodeId()).map(v -> host(actor));
    }

    private SessionActor host(SessionActor actor) {
        mine.put(actor.session().sessionId(), actor);
        core.localSessions().put(actor);
        return actor;
    }

    /**
     * This node took the session over from a node that left the cluster: the context comes back from
     * its replica. A TCP CIR connection held by the lost node is gone; the client is told by the CIR
     * flag F.
     */
    private void restore(Message<String> msg) {
        String sessionId = msg.body();
        SessionActor existing = core.localSessions().get(sessionId);
        if (existing != null) {
            msg.reply(true);
            return;
        }
        core.registries().store().load(sessionId).onComplete(ar -> {
            if (ar.failed() || ar.result() == null) {
                core.registries().directory().release(sessionId, core.nodeId());
                msg.fail(StatusCode.INVALID_SESSION.code(), "no replica of this session");
                return;
            }
            SessionContext session = SessionContext.restore(ar.result(), core.now(), System.currentTimeMillis());
            CirBinding binding = session.cirBinding();
            if (binding != null && binding.heldByNode() && !core.registries().membership().isAlive(binding.nodeId())) {
                session.cirLost();
            }
            SessionActor actor = new SessionActor(session, context);
            if (core.localSessions().adopt(actor)) {
                mine.put(sessionId, actor);
            }
            msg.reply(true);
        });
    }

    /**
     * Hands every session of this host to the other nodes (graceful drain), round robin over
     * {@code targets}: the replica is brought up to date inside the session's actor, the directory
     * entry moves to the target by compare-and-set, the target restores the session, and only then
     * is it dropped here. Requests that arrive meanwhile wait in the actor and are then routed to the
     * new owner. Runs on this host's event loop; completes with the number of sessions moved.
     */
    Future<Integer> drain(List<String> targets) {
        Promise<Integer> done = Promise.promise();
        context.runOnContext(v -> PacedRun.run(List.copyOf(mine.values()), DRAIN_PARALLELISM,
                (actor, i) -> actor.submit(() -> handOver(actor, targets.get(i % targets.size())))).onComplete(done));
        return done.future();
    }

    private Future<Boolean> handOver(SessionActor actor, String target) {
        String sessionId = actor.session().sessionId();
        return save(actor)
                .compose(v -> core.registries().directory().takeOver(sessionId, core.nodeId(), target))
                .compose(moved -> !moved ? Future.succeededFuture(false)
                        : vertx.eventBus().request(EventBusAddresses.restoreOf(target), sessionId).map(reply -> {
                            mine.remove(sessionId);
                            core.localSessions().remove(actor);
                            return true;
                        }));
    }

    /**
     * After this node's side of a split cluster merged into the other side (design.md §6): the merged
     * directory names one owner per session and the merged registry one session per Client-ID.
     * A copy held here whose directory entry names another node is dropped (that node's copy is the
     * one that lived on). A live session this node still owns is put back into its user's registry;
     * when the other side admitted another session with the same Client-ID meanwhile, this one is
     * ended with Disconnect 601, so no user keeps two sessions with one Client-ID (seed 002 §5.1.3).
     */
    Future<Reconciliation> reconcile() {
        Promise<Reconciliation> done = Promise.promise();
        context.runOnContext(v -> {
            List<Future<Reconciliation>> checks = new ArrayList<>();
            for (SessionActor actor : List.copyOf(mine.values())) {
                checks.add(actor.submit(() -> reconcile(actor)));
            }
            Future.join(checks).onComplete(ar -> done.complete(checks.stream().filter(Future::succeeded)
                    .map(Future::result).reduce(Reconciliation.NONE, Reconciliation::plus)));
        });
        return done.future();
    }

    private Future<Reconciliation> reconcile(SessionActor actor) {
        SessionContext s = actor.session();
        String sid = s.sessionId();
        return core.registries().directory().ownerOf(sid).compose(owner -> {
            if (owner != null && !owner.equals(core.nodeId())) {
                mine.remove(sid);
                core.localSessions().remove(actor);
                return Future.succeededFuture(new Reconciliation(1, 0));
            }
            Future<Void> claimed = owner == null ? core.registries().directory().claim(sid, core.nodeId())
                    : Future.succeededFuture();
            if (!s.isActive()) {
                return claimed.map(Reconciliation.NONE);
            }
            return claimed.compose(x -> core.registries().users().reassert(s.userId(), s.clientKey(), sid))
                    .compose(unique -> unique ? Future.succeededFuture(Reconciliation.NONE)
                            : persisted(actor, () -> core.lifecycle().end(s, EndCause.FORCED_LOGOUT, core.now()))
                                    .map(new Reconciliation(0, 1)));
        });
    }

    /** Replicates the context before the change is answered (design.md §2). */
    private Future<Void> save(SessionActor actor) {
        long start = System.nanoTime();
        return core.registries().store().save(actor.session().snapshot(core.now(), System.currentTimeMillis()))
                .andThen(ar -> core.telemetry().replicaWrite(System.nanoTime() - start, ar.succeeded()));
    }

    /** Runs work that may change the session and replicates the context when it did. */
    private <T> Future<T> persisted(SessionActor actor, Supplier<Future<T>> work) {
        long before = actor.session().changes();
        return work.get().compose(result -> actor.session().changes() == before
                ? Future.succeededFuture(result)
                : save(actor).map(result));
    }

    /**
     * Runs {@code work} only while this node still holds the session: a request that waited in the
     * actor while the session was handed to another node is sent back to its caller (NOT_HERE), who
     * looks the owner up again, instead of being applied to the copy left behind.
     */
    private <T> Future<T> held(SessionActor actor, Supplier<Future<T>> work) {
        return core.localSessions().get(actor.session().sessionId()) == actor ? work.get()
                : Future.failedFuture(new SessionMoved(actor.session().sessionId()));
    }

    /** The session was handed over while a request waited for it. */
    private static final class SessionMoved extends RuntimeException {
        SessionMoved(String sessionId) {
            super("session " + sessionId + " moved to another node", null, false, false);
        }
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
        SessionActor actor = core.localSessions().get(in.message().sessionId());
        if (actor == null) {
            return Future.succeededFuture(OutboundBatch.Answer.failed(EventBusAddresses.NOT_HERE,
                    "session not held by " + core.nodeId()));
        }
        return actor.submit(() -> held(actor, () -> persisted(actor, () -> core.processor().process(actor.session(), in, core.now()))))
                .map(OutboundBatch.Answer::of)
                .otherwise(err -> err instanceof SessionMoved
                        ? OutboundBatch.Answer.failed(EventBusAddresses.NOT_HERE, err.getMessage())
                        : OutboundBatch.Answer.of(internalError(in.message())));
    }

    private void operation(Message<SessionOp<?>> msg) {
        SessionOp<?> op = msg.body();
        SessionActor actor = core.localSessions().get(op.sessionId());
        if (actor == null) {
            msg.fail(EventBusAddresses.NOT_HERE, "session not held by " + core.nodeId());
            return;
        }
        Supplier<Future<JsonObject>> step = () -> held(actor, () -> persisted(actor,
                () -> core.operations().apply(actor.session(), op, core.now())));
        (op.isTransaction() ? actor.submit(step) : actor.runNow(step))
                .onSuccess(msg::reply)
                .onFailure(err -> {
                    if (err instanceof SessionMoved) {
                        msg.fail(EventBusAddresses.NOT_HERE, err.getMessage());
                    } else if (err instanceof CspException e) {
                        msg.fail(e.status().code(), e.result().description());
                    } else {
                        msg.fail(StatusCode.INTERNAL_ERROR.code(), String.valueOf(err.getMessage()));
                    }
                });
    }

    private void sweep() {
        long now = core.now();
        int graceSeconds = core.config().session().expiryGraceSeconds();
        int retainedBudget = Math.max(1, core.config().session().maxRetainedSessions() / instances);
        List<SessionActor> ended = new ArrayList<>();
        for (SessionActor actor : List.copyOf(mine.values())) {
            SessionContext s = actor.session();
            if (s.isActive()) {
                long idle = now - s.lastActivityNanos();
                if (idle > TimeUnit.SECONDS.toNanos(s.keepAliveSeconds() + (long) graceSeconds)) {
                    actor.submit(() -> persisted(actor, () -> s.isActive() && now - s.lastActivityNanos()
                            > TimeUnit.SECONDS.toNanos(s.keepAliveSeconds() + (long) graceSeconds)
                            ? core.lifecycle().end(s, EndCause.EXPIRED, now)
                            : Future.succeededFuture()));
                } else if (s.queue().hasGivenUp(now) || s.cirBinding() != null && s.queue().retransmissionDue(now)
                        && s.queue().wakeUpNeeded(now)) {
                    actor.submit(() -> persisted(actor, () -> tendQueue(s)));
                }
            } else if (retentionOver(s, now)) {
                drop(actor);
            } else {
                ended.add(actor);
            }
        }
        if (ended.size() > retainedBudget) {
            ended.sort((a, b) -> Long.compare(a.session().endedAtNanos(), b.session().endedAtNanos()));
            ended.subList(0, ended.size() - retainedBudget).forEach(this::drop);
        }
    }

    /**
     * Server transactions left unanswered: one whose last time-out passed is given up, and a client
     * with a CIR channel is woken up to collect one whose retransmission time-out passed.
     */
    private Future<Void> tendQueue(SessionContext s) {
        long now = core.now();
        s.queue().dropGivenUp(now);
        if (s.queue().retransmissionDue(now)) {
            core.cir().wakeUpIfNeeded(s, now);
        }
        return Future.succeededFuture();
    }

    /**
     * With retention off, an ended session is still kept until its Disconnect has been collected or one
     * KeepAliveTime has passed, so the client learns why it was disconnected.
     */
    private boolean retentionOver(SessionContext s, long now) {
        long keep = core.retention().secondsFor(s.keepAliveSeconds());
        if (!s.queue().isEmpty()) {
            keep = Math.max(keep, s.keepAliveSeconds());
        }
        return keep != Long.MAX_VALUE && now - s.endedAtNanos() > TimeUnit.SECONDS.toNanos(keep);
    }

    private void drop(SessionActor actor) {
        if (actor.session().cirBinding() != null) {
            core.cir().close(actor.session().cirBinding());
        }
        mine.remove(actor.session().sessionId());
        core.localSessions().remove(actor);
        core.registries().directory().release(actor.session().sessionId(), core.nodeId());
        core.registries().store().delete(actor.session().sessionId());
    }

    private static OutboundMessage internalError(CspMessage req) {
        return OutboundMessage.of(new CspMessage(req.version(), req.sessionType(), req.sessionId(),
                List.of(Transaction.response(req.first().transactionId(),
                        StatusRules.status(Result.of(StatusCode.INTERNAL_ERROR)))), false, null));
    }
}
