package imps.session.owner;

import imps.session.LocalSessions;
import imps.session.OutboundQueue;
import imps.session.SessionActor;
import imps.session.SessionContext;
import imps.session.cir.CirTrigger;
import imps.session.registry.SessionDirectory;
import imps.session.registry.SessionStore;
import imps.telemetry.Telemetry;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The sessions one host owns, on its event loop, and the rules every change to one of them follows:
 * a change is replicated before it is answered (docs/cluster.md, "Replication"), and work
 * waiting for a session that moved meanwhile is not applied to the copy left behind.
 */
final class HostedSessions {
    /**
     * The held sessions in the order the expiry sweep visits them, walked by index across event-loop
     * turns without a copy. A session released or dropped stays listed until the sweep reaches it, so
     * whether the host still holds one is the node's map of local sessions to say ({@link #holds}):
     * no second map by Session-ID per host.
     */
    private final ArrayList<SessionActor> roster = new ArrayList<>();
    private final String nodeId;
    private final LocalSessions localSessions;
    private final SessionDirectory directory;
    private final SessionStore store;
    private final CirTrigger cir;
    private final Telemetry telemetry;
    private final LongSupplier clock;

    HostedSessions(String nodeId, LocalSessions localSessions, SessionDirectory directory, SessionStore store,
                   CirTrigger cir, Telemetry telemetry, LongSupplier clock) {
        this.nodeId = nodeId;
        this.localSessions = localSessions;
        this.directory = directory;
        this.store = store;
        this.cir = cir;
        this.telemetry = telemetry;
        this.clock = clock;
    }

    String nodeId() {
        return nodeId;
    }

    long now() {
        return clock.getAsLong();
    }

    /** The session held by any host of this node, or null. */
    SessionActor find(String sessionId) {
        return localSessions.get(sessionId);
    }

    /** The sessions this host holds now. */
    List<SessionActor> all() {
        List<SessionActor> held = new ArrayList<>(roster.size());
        for (SessionActor actor : roster) {
            if (holds(actor)) {
                held.add(actor);
            }
        }
        return held;
    }

    /**
     * Whether this host still holds {@code actor}, one of its roster (not released, dropped or
     * replaced since): the node's entry for its session is that very actor, which only this host made.
     */
    boolean holds(SessionActor actor) {
        return localSessions.get(actor.session().sessionId()) == actor;
    }

    int rosterSize() {
        return roster.size();
    }

    SessionActor rosterAt(int index) {
        return roster.get(index);
    }

    /** Takes a session no longer held off the roster; the last entry moves into its place. */
    void unlist(int index) {
        SessionActor last = roster.remove(roster.size() - 1);
        if (index < roster.size()) {
            roster.set(index, last);
        }
    }

    /** A session created here (a login): this node is recorded as its owner first. */
    Future<SessionActor> claim(SessionActor actor) {
        return directory.claim(actor.session().sessionId(), nodeId).map(v -> {
            roster.add(actor);
            localSessions.put(actor);
            return actor;
        });
    }

    /**
     * A session restored here (a takeover or a hand-over); false when another host of this node
     * restored it first.
     */
    boolean adopt(SessionActor actor) {
        if (!localSessions.adopt(actor)) {
            return false;
        }
        roster.add(actor);
        return true;
    }

    /** The session now lives on another node: this copy is forgotten, its replica and entry stay. */
    void release(SessionActor actor) {
        localSessions.remove(actor);
    }

    /** The session is over for good: its CIR channel, its directory entry and its replica go too. */
    void drop(SessionActor actor) {
        SessionContext s = actor.session();
        if (s.cirBinding() != null) {
            cir.close(s.cirBinding());
        }
        release(actor);
        directory.release(s.sessionId(), nodeId);
        store.delete(s.sessionId(), s.queue() != OutboundQueue.EMPTY);
    }

    /**
     * Replicates the context, and what of the queue its replica does not hold yet (what was handed out
     * since the last change included), before a login or a hand-over is answered.
     */
    Future<Void> save(SessionActor actor) {
        Future<Void> context = saveContext(actor);
        return actor.session().queue() == OutboundQueue.EMPTY ? context
                : Future.all(context, saveQueue(actor)).mapEmpty();
    }

    /**
     * Runs work that may change the session and replicates what it changed, the context, the queue or
     * both, before the change is answered.
     */
    <T> Future<T> persisted(SessionActor actor, Supplier<Future<T>> work) {
        SessionContext s = actor.session();
        long context = s.changes();
        long queue = s.queue().changes();
        return work.get().compose(result -> {
            boolean contextChanged = s.changes() != context;
            boolean queueChanged = s.queue().changes() != queue;
            if (!contextChanged && !queueChanged) {
                return Future.succeededFuture(result);
            }
            Future<Void> saved = !queueChanged ? saveContext(actor)
                    : !contextChanged ? saveQueue(actor)
                    : Future.all(saveContext(actor), saveQueue(actor)).mapEmpty();
            return saved.map(result);
        });
    }

    private Future<Void> saveContext(SessionActor actor) {
        long start = System.nanoTime();
        return store.save(actor.session().snapshot(now(), System.currentTimeMillis()))
                .andThen(ar -> telemetry.replicaWrite(System.nanoTime() - start, ar.succeeded()));
    }

    /**
     * Sends the queue's change to its replica; when the replica refuses it (it missed an earlier
     * change, or a copy of the session left behind wrote meanwhile), the whole queue follows.
     */
    private Future<Void> saveQueue(SessionActor actor) {
        long start = System.nanoTime();
        String sessionId = actor.session().sessionId();
        OutboundQueue queue = actor.session().queue();
        return store.saveQueue(sessionId, queue.replicaChange(now(), System.currentTimeMillis()))
                .compose(applied -> {
                    if (applied) {
                        return Future.<Void>succeededFuture();
                    }
                    queue.replicaRefused();
                    telemetry.queueReplicaRefused();
                    return store.saveQueue(sessionId, queue.replicaChange(now(), System.currentTimeMillis()))
                            .mapEmpty();
                })
                .andThen(ar -> telemetry.replicaWrite(System.nanoTime() - start, ar.succeeded()));
    }

    /**
     * Runs {@code work} only while this node still holds the session: a request that waited in the
     * actor while the session was handed to another node is sent back to its caller (NOT_HERE), who
     * looks the owner up again, instead of being applied to the copy left behind.
     */
    <T> Future<T> held(SessionActor actor, Supplier<Future<T>> work) {
        return localSessions.get(actor.session().sessionId()) == actor ? work.get()
                : Future.failedFuture(new SessionMoved(actor.session().sessionId()));
    }

    /** The session was handed over while a request waited for it. */
    static final class SessionMoved extends RuntimeException {
        SessionMoved(String sessionId) {
            super("session " + sessionId + " moved to another node", null, false, false);
        }
    }
}
