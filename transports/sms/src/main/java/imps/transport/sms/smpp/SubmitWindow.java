package imps.transport.sms.smpp;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Paces submit_sm to the SMSC: at most {@code window} await their submit_sm_resp (SMPP lets an
 * ESME have several requests outstanding, the SMSC's operator sets how many), the rate limiter
 * decides when the next may go, and the rest wait in a bounded queue, each message at most
 * {@code maxWaitMillis}. A message of several parts completes with its
 * first part's message id once the SMSC accepted every part, and fails as soon as one part fails.
 * Runs on one Vert.x context.
 */
final class SubmitWindow {

    /** Sends one part and completes with the SMSC's message id; called on the window's context. */
    interface Transmitter {
        Future<String> transmit(SubmitPart part);
    }

    /** How long the SMSC's ESME_RTHROTTLED stops further submits. */
    static final long THROTTLED_HOLD_MILLIS = 1000;

    private final Vertx vertx;
    private final int window;
    private final int capacity;
    private final long maxWaitMillis;
    private final RateLimiter limiter;
    private final Transmitter transmitter;
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private int inFlight;
    private long pumpTimer = -1;

    private static final class Submission {
        final Promise<String> promise = Promise.promise();
        final int parts;
        int accepted;
        int queued;
        String firstId;
        long timer;

        Submission(int parts) {
            this.parts = parts;
            this.queued = parts;
        }
    }

    private record Queued(Submission submission, int index, SubmitPart part) {
    }

    SubmitWindow(Vertx vertx, int window, int capacity, long maxWaitMillis, RateLimiter limiter, Transmitter transmitter) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, not " + window);
        }
        this.vertx = vertx;
        this.window = window;
        this.capacity = Math.max(capacity, window);
        this.maxWaitMillis = maxWaitMillis;
        this.limiter = limiter;
        this.transmitter = transmitter;
    }

    Future<String> submit(List<SubmitPart> parts) {
        if (queue.size() + parts.size() > capacity) {
            return Future.failedFuture(new IllegalStateException(
                    "submit queue full: " + queue.size() + " parts wait for the SMSC, at most " + capacity));
        }
        Submission submission = new Submission(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            queue.addLast(new Queued(submission, i, parts.get(i)));
        }
        submission.timer = vertx.setTimer(maxWaitMillis, id -> abandon(submission, new TimeoutException(
                "waited " + maxWaitMillis + " ms for the submit window")));
        pump();
        return submission.promise.future();
    }

    /** Fails every message still waiting in the queue (the link went down or is stopping). */
    void failQueued(String reason) {
        Set<Submission> waiting = new LinkedHashSet<>();
        queue.forEach(q -> waiting.add(q.submission()));
        waiting.forEach(s -> abandon(s, new IllegalStateException(reason)));
    }

    private void pump() {
        while (inFlight < window && !queue.isEmpty()) {
            long now = now();
            long delay = limiter.delayMillis(now);
            if (delay > 0) {
                schedulePump(delay);
                return;
            }
            Queued next = queue.pollFirst();
            Submission submission = next.submission();
            if (--submission.queued == 0) {
                vertx.cancelTimer(submission.timer);
            }
            limiter.sent(now);
            inFlight++;
            transmitter.transmit(next.part()).onComplete(ar -> {
                inFlight--;
                if (ar.succeeded()) {
                    if (next.index() == 0) {
                        submission.firstId = ar.result();
                    }
                    if (++submission.accepted == submission.parts) {
                        submission.promise.tryComplete(submission.firstId);
                    }
                } else {
                    if (ar.cause() instanceof SubmitRefusedException refused && refused.throttled()) {
                        limiter.holdUntil(now() + THROTTLED_HOLD_MILLIS);
                    }
                    abandon(submission, ar.cause());
                }
                pump();
            });
        }
    }

    /** Fails the message and takes its parts that were not sent yet out of the queue. */
    private void abandon(Submission submission, Throwable cause) {
        if (submission.queued > 0) {
            queue.removeIf(q -> q.submission() == submission);
            submission.queued = 0;
            vertx.cancelTimer(submission.timer);
        }
        submission.promise.tryFail(cause);
    }

    private void schedulePump(long delay) {
        if (pumpTimer == -1) {
            pumpTimer = vertx.setTimer(delay, id -> {
                pumpTimer = -1;
                pump();
            });
        }
    }

    private static long now() {
        return System.nanoTime() / 1_000_000;
    }
}
