package imps.transport.sms.smpp;

/** Exponential backoff between bind attempts: from the minimum, doubling up to the maximum, reset by a bind. */
final class ReconnectBackoff {
    private final long minMillis;
    private final long maxMillis;
    private long next;

    ReconnectBackoff(long minMillis, long maxMillis) {
        if (minMillis < 1 || maxMillis < minMillis) {
            throw new IllegalArgumentException("reconnect backoff " + minMillis + ".." + maxMillis + " ms");
        }
        this.minMillis = minMillis;
        this.maxMillis = maxMillis;
        this.next = minMillis;
    }

    /** The delay before the next attempt; each call doubles the one after, up to the maximum. */
    long nextDelayMillis() {
        long delay = next;
        next = Math.min(maxMillis, next * 2);
        return delay;
    }

    void reset() {
        next = minMillis;
    }
}
