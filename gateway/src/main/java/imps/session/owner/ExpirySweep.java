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

/**
 * One host's periodic pass over its sessions: a session with no transaction within KeepAliveTime +
 * grace ends and is told with Disconnect 600 (OMA-TS-IMPS_CSP-V1_3 §6.6); server transactions left
 * unanswered are retried or given up (docs/conformance.md, "Server transactions"); ended sessions
 * are dropped when their retention runs out, the oldest first when more are kept than allowed.
 */
final class ExpirySweep {
    private final HostedSessions hosted;
    private final SessionLifecycle lifecycle;
    private final CirTrigger cir;
    private final RetentionPolicy retention;
    private final long graceNanos;
    private final int retainedBudget;

    /** {@code retainedBudget}: ended sessions this host may keep (its share of the node's limit). */
    ExpirySweep(HostedSessions hosted, SessionLifecycle lifecycle, CirTrigger cir, RetentionPolicy retention,
                int graceSeconds, int retainedBudget) {
        this.hosted = hosted;
        this.lifecycle = lifecycle;
        this.cir = cir;
        this.retention = retention;
        this.graceNanos = TimeUnit.SECONDS.toNanos(graceSeconds);
        this.retainedBudget = Math.max(1, retainedBudget);
    }

    void run() {
        long now = hosted.now();
        List<SessionActor> ended = new ArrayList<>();
        for (SessionActor actor : hosted.all()) {
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
        if (ended.size() > retainedBudget) {
            ended.sort(Comparator.comparingLong(a -> a.session().endedAtNanos()));
            ended.subList(0, ended.size() - retainedBudget).forEach(hosted::drop);
        }
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
