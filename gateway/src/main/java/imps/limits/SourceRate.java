package imps.limits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Requests per second per client address on one node: a token bucket per address holding up to one
 * second's worth, refilled continuously, so a client may burst to the limit and then keep its pace.
 * 0 = no limit. Once a second the buckets that have filled up again are dropped, which keeps the
 * table as small as the set of addresses active in the last second.
 */
public final class SourceRate {
    private static final long SWEEP_NANOS = 1_000_000_000L;
    private final int perSecond;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep;

    public SourceRate(int perSecond, LongSupplier nanoClock) {
        this.perSecond = perSecond;
        this.nanoClock = nanoClock;
        this.lastSweep = new AtomicLong(nanoClock.getAsLong());
    }

    /** Takes one request's token for {@code source}; false when its bucket is empty. */
    public boolean tryAcquire(String source) {
        if (perSecond <= 0) {
            return true;
        }
        long now = nanoClock.getAsLong();
        boolean[] granted = new boolean[1];
        buckets.compute(source, (k, b) -> {
            double tokens = b == null ? perSecond : b.tokensAt(now, perSecond);
            granted[0] = tokens >= 1;
            return new Bucket(granted[0] ? tokens - 1 : tokens, now);
        });
        long last = lastSweep.get();
        if (now - last >= SWEEP_NANOS && lastSweep.compareAndSet(last, now)) {
            buckets.entrySet().removeIf(e -> e.getValue().tokensAt(now, perSecond) >= perSecond);
        }
        return granted[0];
    }

    /** Addresses currently tracked. */
    public int tracked() {
        return buckets.size();
    }

    private record Bucket(double tokens, long atNanos) {
        double tokensAt(long now, int perSecond) {
            return Math.min(perSecond, tokens + (now - atNanos) * perSecond / 1e9);
        }
    }
}
