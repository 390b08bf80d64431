package imps.transport.sms.smpp;

import java.util.ArrayDeque;

/**
 * At most {@code perSecond} sends in any one-second interval: a sliding log of the last sends, so
 * the SMSC never sees a burst above its throughput licence, not even across a second boundary as a
 * token bucket with a full bucket would allow. Sending can also be held off for a while, after the
 * SMSC said it is throttling. Times are monotonic milliseconds supplied by the caller; not thread safe.
 */
final class RateLimiter {
    private static final long INTERVAL_MILLIS = 1000;

    private final int perSecond;
    private final ArrayDeque<Long> sends = new ArrayDeque<>();
    private long holdUntil = Long.MIN_VALUE;

    RateLimiter(int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("maxSubmitsPerSecond must be at least 1, not " + perSecond);
        }
        this.perSecond = perSecond;
    }

    /** How long to wait from {@code now} before the next send is allowed; 0 when it may go now. */
    long delayMillis(long now) {
        while (!sends.isEmpty() && sends.peekFirst() <= now - INTERVAL_MILLIS) {
            sends.pollFirst();
        }
        long delay = holdUntil > now ? holdUntil - now : 0;
        if (sends.size() >= perSecond) {
            delay = Math.max(delay, sends.peekFirst() + INTERVAL_MILLIS - now);
        }
        return delay;
    }

    /** Records a send at {@code now}; call only when {@link #delayMillis} allowed it. */
    void sent(long now) {
        sends.addLast(now);
    }

    void holdUntil(long until) {
        holdUntil = Math.max(holdUntil, until);
    }
}
