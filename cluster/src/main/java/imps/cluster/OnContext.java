package imps.cluster;

import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import imps.protocol.CspException;
import imps.protocol.StatusCode;
import imps.store.StoreUnavailableException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Hazelcast completes its futures on its own threads. Callers on a Vert.x context (a session actor)
 * must get their continuation back on that context, or single-threaded session state would be
 * touched from a foreign thread.
 */
final class OnContext {
    private OnContext() {
    }

    static <T> Future<T> future(CompletionStage<T> stage) {
        Context context = Vertx.currentContext();
        Promise<T> promise = Promise.promise();
        CompletableFuture<T> done = stage.toCompletableFuture();
        if (context != null && Context.isOnEventLoopThread() && done.isDone()) {
            // Complete already (a near-cache hit) and called on the context's own event loop: the
            // result is read here, without a hop. It is read with join, not with a callback: some of
            // Hazelcast's futures report done while their callbacks still run on its own threads.
            try {
                settle(promise, done.join(), null);
            } catch (CompletionException | CancellationException e) {
                settle(promise, null, e.getCause() == null ? e : e.getCause());
            }
            return promise.future();
        }
        // Run the callback on the thread that completes the Hazelcast future, then hop onto the
        // caller's context. Hazelcast's default async executor would start a new thread for every
        // callback on machines with two CPUs or fewer (the common pool has no parallelism there).
        stage.whenCompleteAsync((value, err) -> {
            if (context == null) {
                settle(promise, value, err);
            } else {
                context.runOnContext(v -> settle(promise, value, err));
            }
        }, Runnable::run);
        return promise.future();
    }

    private static <T> void settle(Promise<T> promise, T value, Throwable err) {
        if (err == null) {
            promise.complete(value);
        } else {
            promise.fail(belowQuorum(err)
                    ? new CspException(StatusCode.SERVICE_UNAVAILABLE, "The cluster is below its quorum; try again")
                    : storeUnavailable(err)
                    ? new CspException(StatusCode.SERVICE_UNAVAILABLE, "The subscriber store is unavailable; try again")
                    : err);
        }
    }

    /** The subscriber store could not be reached: nothing was changed, the client may try again. */
    private static boolean storeUnavailable(Throwable err) {
        return causedBy(err, StoreUnavailableException.class);
    }

    /** A write refused by split-brain protection: this node is in a minority partition. */
    private static boolean belowQuorum(Throwable err) {
        return causedBy(err, SplitBrainProtectionException.class);
    }

    private static boolean causedBy(Throwable err, Class<? extends Throwable> type) {
        for (Throwable t = err; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
