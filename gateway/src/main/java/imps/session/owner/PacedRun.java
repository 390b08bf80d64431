package imps.session.owner;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Runs one step per item with at most {@code parallelism} steps in flight, each finished step starting
 * the next: mass work (a drain, taking over a lost node's sessions) keeps the replica writes and
 * restores flowing without thousands of them queued ahead of the requests that arrive meanwhile.
 * Completes with the number of steps that succeeded with true. Call it on the context whose thread
 * completes the steps.
 */
final class PacedRun<T> {
    private final List<T> items;
    private final BiFunction<T, Integer, Future<Boolean>> step;
    private final Promise<Integer> done = Promise.promise();
    private int next;
    private int finished;
    private int succeeded;

    private PacedRun(List<T> items, BiFunction<T, Integer, Future<Boolean>> step) {
        this.items = items;
        this.step = step;
    }

    /** {@code step} gets the item and its index in {@code items}. */
    static <T> Future<Integer> run(List<T> items, int parallelism, BiFunction<T, Integer, Future<Boolean>> step) {
        PacedRun<T> run = new PacedRun<>(List.copyOf(items), step);
        if (items.isEmpty()) {
            return Future.succeededFuture(0);
        }
        for (int k = 0; k < Math.min(parallelism, items.size()); k++) {
            run.startNext();
        }
        return run.done.future();
    }

    private void startNext() {
        int i = next++;
        step.apply(items.get(i), i).onComplete(ar -> {
            if (ar.succeeded() && Boolean.TRUE.equals(ar.result())) {
                succeeded++;
            }
            if (++finished == items.size()) {
                done.complete(succeeded);
            } else if (next < items.size()) {
                startNext();
            }
        });
    }
}
