package imps.app;

import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.util.concurrent.TimeUnit;

/**
 * Measures how late an event loop runs a timer: one instance per event loop asks to be called every
 * {@link #PERIOD_MILLIS} and records by how much the call came late. A loop blocked by slow work
 * shows here before clients notice it.
 */
final class EventLoopProbe extends VerticleBase {
    static final long PERIOD_MILLIS = 200;
    private final Timer delay;
    private long expected;

    EventLoopProbe(Timer delay) {
        this.delay = delay;
    }

    @Override
    public Future<?> start() {
        expected = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS);
        vertx.setPeriodic(PERIOD_MILLIS, id -> {
            long now = System.nanoTime();
            delay.record(Math.max(0, now - expected), TimeUnit.NANOSECONDS);
            expected = now + TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS);
        });
        return Future.succeededFuture();
    }
}
