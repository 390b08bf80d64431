package imps.transport.sms.smpp;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Runs test steps on one Vert.x context, as the classes under test expect, and waits for their result. */
final class OnContext {
    private final Context context;

    OnContext(Context context) {
        this.context = context;
    }

    <T> T call(Callable<T> step) throws Exception {
        Promise<T> result = Promise.promise();
        context.runOnContext(v -> {
            try {
                result.complete(step.call());
            } catch (Exception e) {
                result.fail(e);
            }
        });
        return result.future().await(10, TimeUnit.SECONDS);
    }

    void run(Runnable step) throws Exception {
        call(() -> {
            step.run();
            return null;
        });
    }

    /** Waits for a future created on the context; the wait itself happens on the calling thread. */
    static <T> T await(Future<T> future) throws Exception {
        return future.await(10, TimeUnit.SECONDS);
    }

    /** Waits for a future that must fail and returns why. */
    static Throwable failure(Future<?> future) throws Exception {
        AsyncResult<?> result = future.<AsyncResult<?>>transform(Future::succeededFuture).await(10, TimeUnit.SECONDS);
        if (result.succeeded()) {
            throw new AssertionError("expected a failure, got " + result.result());
        }
        return result.cause();
    }
}
