package imps.cluster;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

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
        return context == null ? Future.fromCompletionStage(stage) : Future.fromCompletionStage(stage, context);
    }
}
