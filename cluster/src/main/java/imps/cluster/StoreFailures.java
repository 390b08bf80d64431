package imps.cluster;

import com.hazelcast.spi.exception.SilentException;
import imps.store.StoreUnavailableException;

import java.util.function.Supplier;

/**
 * Store calls made from Hazelcast's map stores. An unreachable store is an expected condition
 * with its own log lines (the store's, once per outage and once when it is back, docs/store.md): its
 * exception crosses Hazelcast marked silent, so Hazelcast does not log a stack trace for every
 * operation that fails meanwhile. The caller still gets it as the cause, and answers CSP 503.
 */
final class StoreFailures {
    private StoreFailures() {
    }

    /** An outage on its way through Hazelcast; its cause is the {@link StoreUnavailableException}. */
    static final class Outage extends RuntimeException implements SilentException {
        Outage(StoreUnavailableException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (StoreUnavailableException e) {
            throw new Outage(e);
        }
    }

    static void run(Runnable call) {
        try {
            call.run();
        } catch (StoreUnavailableException e) {
            throw new Outage(e);
        }
    }
}
