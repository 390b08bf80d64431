package imps.session.owner;

import imps.session.SessionActor;
import imps.session.EndCause;
import imps.session.RetentionPolicy;
import imps.session.SessionContext;
import imps.session.SessionLifecycle;
import imps.session.cir.CirTrigger;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One host's periodic pass over its sessions: a session with no transaction within KeepAliveTime +
 * grace ends and is told with Disconnect 600 (OMA-TS-IMPS_CSP-V1_3 §6.6); server transactions left
 * unanswered are retried or given up (docs/conformance.md, "Server transactions"); ended sessions
 * are dropped when their retention runs out, the oldest first when more are kept than allowed.
 * <p>
 * The pass never holds the event loop long: each tick looks at up to {@code perTick} sessions, in
 * slices of {@link #SLICE} with the loop given back to I/O between slices, and a host holding more
 * completes its pass over several ticks. A pass over a million sessions at once held the loop for
 * a few hundred milliseconds every tick, and every request of the host waited behind it
 * (docs/benchmarks.md, "A million idle sessions").
 */
final class ExpirySweep {
    /** Sessions looked at in one event-loop turn. */
    static final int SLICE = 1_000;

    private final HostedSessions hosted;
    private final SessionLifecycle lifecycle;
    private final CirTrigger cir;
    private final RetentionPolicy retention;
    private final long graceNanos;
    private final int retainedBudget;
    private final int perTick;
    private final Consumer<Runnable> later;
    /** The roster index the pass has reached. */
    private int next;
    private List<SessionActor> ended = new ArrayList<>();

    /**
     * {@code retainedBudget}: ended sessions this host may keep (its share of the node's limit);
     * {@code perTick}: sessions looked at per tick; {@code later}: runs a slice on the host's event
     * loop once the I/O waiting there has been handled.
     */
    ExpirySweep(HostedSessions hosted, SessionLifecycle lifecycle, CirTrigger cir, RetentionPolicy retention,
                int graceSeconds, int retainedBudget, int perTick, Consumer<Runnable> later) {
        this.hosted = hosted;
        this.lifecycle = lifecycle;
        this.cir = cir;
        this.retention = retention;
        this.graceNanos = TimeUnit.SECONDS.toNanos(graceSeconds);
        this.retainedBudget = Math.max(1, retainedBudget);
        this.perTick = Math.max(1, perTick);
        this.later = later;
    }

    /** One tick: carries the pass on, or starts the next one when the last is complete. */
    void run() {
        if (next >= hosted.rosterSize()) {
            next = 0;
        }
        slice(perTick);
    }

    /**
     * Looks at up to {@code budget} roster entries, {@link #SLICE} in this turn. The roster is walked
     * in place: a session listed after the pass began is reached by it, and one no longer held is
     * taken off (the last entry moves into its place, and is looked at next).
     */
    private void slice(int budget) {
        long now = hosted.now();
        int looked = 0;
        int limit = Math.min(SLICE, budget);
        while (looked < limit && next < hosted.rosterSize()) {
            SessionActor actor = hosted.rosterAt(next);
            looked++;
            if (hosted.holds(actor)) {
                visit(actor, now);
                next++;
            } else {
                hosted.unlist(next);
            }
        }
        if (next >= hosted.rosterSize()) {
            dropOldestBeyondBudget();
        } else if (budget > looked) {
            int left = budget - looked;
            later.accept(() -> slice(left));
        }
    }

    private void visit(SessionActor actor, long now) {
        SessionContext s = actor.session();
        if (s.isActive()) {
            if (expired(s, now)) {
                actor.submit(() -> hosted.persisted(actor, () -> s.isActive() && expired(s, now)
                        ? lifecycle.end(s, EndCause.EXPIRED, now)
                        : Future.succeededFuture()));
            } else if (s.queue().hasGivenUp(now) || s.cirBinding() != null && s.queue().retransmissionDue(now)
                    && s.queue().wakeUpNeeded(now)) {
                actor.submit(() -> hosted.persisted(actor, () -> tendQueue(s)));
            }
        } else if (retentionOver(s, now)) {
            hosted.drop(actor);
        } else {
            ended.add(actor);
        }
    }

    /** At the end of a pass: the ended sessions it found beyond the budget go, the oldest first. */
    private void dropOldestBeyondBudget() {
        List<SessionActor> kept = ended.stream().filter(hosted::holds).collect(Collectors.toCollection(ArrayList::new));
        if (kept.size() > retainedBudget) {
            kept.sort(Comparator.comparingLong(a -> a.session().endedAtNanos()));
            kept.subList(0, kept.size() - retainedBudget).forEach(hosted::drop);
        }
        ended = new ArrayList<>();
    }

    private boolean expired(SessionContext s, long now) {
        return now - s.lastActivityNanos() > TimeUnit.SECONDS.toNanos(s.keepAliveSeconds()) + graceNanos;
    }

    /**
     * Server transactions left unanswered: one whose last time-out passed is given up, and a client
     * with a CIR channel is woken up to collect one whose retransmission time-out passed.
     */
    private Future<Void> tendQueue(SessionContext s) {
        long now = hosted.now();
        s.queue().dropGivenUp(now);
        if (s.queue().retransmissionDue(now)) {
            cir.wakeUpIfNeeded(s, now);
        }
        return Future.succeededFuture();
    }

    /**
     * With retention off, an ended session is still kept until its Disconnect has been collected or one
     * KeepAliveTime has passed, so the client learns why it was disconnected.
     */
    private boolean retentionOver(SessionContext s, long now) {
        long keep = retention.secondsFor(s.keepAliveSeconds());
        if (!s.queue().isEmpty()) {
            keep = Math.max(keep, s.keepAliveSeconds());
        }
        return keep != Long.MAX_VALUE && now - s.endedAtNanos() > TimeUnit.SECONDS.toNanos(keep);
    }
}
