package imps.session.owner;

import imps.session.OutboundQueue;
import imps.session.SessionActor;
import imps.protocol.StatusCode;
import imps.session.EndCause;
import imps.session.SessionContext;
import imps.session.SessionLifecycle;
import imps.session.cir.CirBinding;
import imps.session.registry.SessionRegistries;
import imps.bus.EventBusAddresses;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;

import java.util.ArrayList;
import java.util.List;

/**
 * How sessions come to and leave one host (docs/cluster.md): restored from the replica when this
 * node takes one over, handed to another node on a drain, and reconciled after a split cluster
 * merged.
 */
final class OwnershipMoves {
    /**
     * Sessions a host hands over at the same time while draining: enough to keep the replica writes
     * and restores flowing, few enough that a request arriving meanwhile, or a session's own hand-over,
     * does not queue behind thousands of others.
     */
    private static final int DRAIN_PARALLELISM = 64;

    private final Context context;
    private final EventBus bus;
    private final HostedSessions hosted;
    private final SessionRegistries registries;
    private final SessionLifecycle lifecycle;

    OwnershipMoves(Context context, EventBus bus, HostedSessions hosted, SessionRegistries registries,
                   SessionLifecycle lifecycle) {
        this.context = context;
        this.bus = bus;
        this.hosted = hosted;
        this.registries = registries;
        this.lifecycle = lifecycle;
    }

    /**
     * This node took the session over from a node that left the cluster, or is handed it by a
     * draining one: the context comes back from its replica. A TCP CIR connection held by a lost node
     * is gone; the client is told by the CIR flag F.
     */
    void restore(Message<String> msg) {
        String sessionId = msg.body();
        if (hosted.find(sessionId) != null) {
            msg.reply(true);
            return;
        }
        registries.store().load(sessionId).onComplete(ar -> {
            if (ar.failed() || ar.result() == null) {
                registries.directory().release(sessionId, hosted.nodeId());
                msg.fail(StatusCode.INVALID_SESSION.code(), "no replica of this session");
                return;
            }
            SessionContext session = SessionContext.restore(ar.result(), hosted.now(), System.currentTimeMillis());
            CirBinding binding = session.cirBinding();
            if (binding != null && binding.heldByNode() && !registries.membership().isAlive(binding.nodeId())) {
                session.cirLost();
            }
            SessionActor actor = new SessionActor(session, context);
            if (!hosted.adopt(actor) || session.queue() == OutboundQueue.EMPTY) {
                msg.reply(true);
                return;
            }
            // The queue is written whole at once: a replica of an earlier build carried it inside the
            // context's, which the next save of the context replaces with one that does not.
            actor.submit(() -> hosted.save(actor)).onComplete(saved -> msg.reply(true));
        });
    }

    /**
     * Hands every session of this host to the other nodes (graceful drain), round robin over
     * {@code targets}: the replica is brought up to date inside the session's actor, the directory
     * entry moves to the target by compare-and-set, the target restores the session, and only then
     * is it dropped here. Requests that arrive meanwhile wait in the actor and are then routed to the
     * new owner. Completes with the number of sessions moved.
     */
    Future<Integer> drain(List<String> targets) {
        Promise<Integer> done = Promise.promise();
        context.runOnContext(v -> PacedRun.run(hosted.all(), DRAIN_PARALLELISM,
                (actor, i) -> actor.submit(() -> handOver(actor, targets.get(i % targets.size())))).onComplete(done));
        return done.future();
    }

    private Future<Boolean> handOver(SessionActor actor, String target) {
        String sessionId = actor.session().sessionId();
        return hosted.save(actor)
                .compose(v -> registries.directory().takeOver(sessionId, hosted.nodeId(), target))
                .compose(moved -> !moved ? Future.succeededFuture(false)
                        : bus.request(EventBusAddresses.restoreOf(target), sessionId).map(reply -> {
                            hosted.release(actor);
                            return true;
                        }));
    }

    /**
     * After this node's side of a split cluster merged into the other side (docs/cluster.md, "Split
     * brain"): the merged directory names one owner per session and the merged registry one session
     * per Client-ID. A copy held here whose directory entry names another node is dropped (that
     * node's copy is the one that lived on). A live session this node still owns is put back into its
     * user's registry; when the other side admitted another session with the same Client-ID
     * meanwhile, this one is ended with Disconnect 601, so no user keeps two sessions with one
     * Client-ID (OMA-TS-IMPS_CSP-V1_3 §5.1.3).
     */
    Future<Reconciliation> reconcile() {
        Promise<Reconciliation> done = Promise.promise();
        context.runOnContext(v -> {
            List<Future<Reconciliation>> checks = new ArrayList<>();
            for (SessionActor actor : hosted.all()) {
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
        return registries.directory().ownerOf(sid).compose(owner -> {
            if (owner != null && !owner.equals(hosted.nodeId())) {
                hosted.release(actor);
                return Future.succeededFuture(new Reconciliation(1, 0));
            }
            Future<Void> claimed = owner == null ? registries.directory().claim(sid, hosted.nodeId())
                    : Future.succeededFuture();
            if (!s.isActive()) {
                return claimed.map(Reconciliation.NONE);
            }
            return claimed.compose(x -> registries.users().reassert(s.userId(), s.clientKey(), sid))
                    .compose(unique -> unique ? Future.succeededFuture(Reconciliation.NONE)
                            : hosted.persisted(actor, () -> lifecycle.end(s, EndCause.FORCED_LOGOUT, hosted.now()))
                                    .map(new Reconciliation(0, 1)));
        });
    }
}
