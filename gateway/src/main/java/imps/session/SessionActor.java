package imps.session;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.function.Supplier;

/**
 * The owner of one session (docs/cluster.md, "Who owns a session"): its transactions run one after another on one event
 * loop, so the {@link SessionContext} needs no locks. An asynchronous step inside a transaction
 * (a cluster call) does not let the next transaction of the same session start.
 */
public final class SessionActor {
    private final SessionContext session;
    private final Context context;
    private Future<?> tail = Future.succeededFuture();

    public SessionActor(SessionContext session, Context context) {
        this.session = session;
        this.context = context;
    }

    public SessionContext session() {
        return session;
    }

    public Context context() {
        return context;
    }

    public <T> Future<T> submit(Supplier<Future<T>> work) {
        if (Vertx.currentContext() == context) {
            return enqueue(work);
        }
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> enqueue(work).onComplete(promise));
        return promise.future();
    }

    /**
     * Runs a step that completes synchronously on the session's event loop without waiting behind
     * the transaction in progress: queueing a primitive or answering a CIR probe cannot interleave
     * with a transaction's multi-step logic, and waiting would let two sessions that deliver to each
     * other deadlock.
     */
    public <T> Future<T> runNow(Supplier<Future<T>> step) {
        if (Vertx.currentContext() == context) {
            return step.get();
        }
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> step.get().onComplete(promise));
        return promise.future();
    }

    private <T> Future<T> enqueue(Supplier<Future<T>> work) {
        Future<T> run = tail.transform(previous -> {
            try {
                return work.get();
            } catch (RuntimeException e) {
                return Future.failedFuture(e);
            }
        });
        // The mailbox only needs to know when the transaction is over, not its result: keeping the
        // reply would hold a whole message tree per idle session.
        tail = run.mapEmpty();
        return run;
    }
}
