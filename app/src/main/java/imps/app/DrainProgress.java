package imps.app;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * How far this node's drain has got (docs/operations.md "Drain"): idle until a drain starts, then
 * draining with the sessions it held at the start and those it still holds, then done with the number
 * moved, or failed. Read by the admin API and the metrics from any thread.
 */
final class DrainProgress {
    enum State { IDLE, DRAINING, DONE, FAILED }

    private volatile State state = State.IDLE;
    private volatile int atStart;
    private volatile int moved;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile String error;

    synchronized boolean start(int sessions) {
        if (state == State.DRAINING) {
            return false;
        }
        state = State.DRAINING;
        atStart = sessions;
        moved = 0;
        startedAt = Instant.now();
        finishedAt = null;
        error = null;
        return true;
    }

    synchronized void finished(int sessionsMoved) {
        moved = sessionsMoved;
        finishedAt = Instant.now();
        state = State.DONE;
    }

    synchronized void failed(Throwable cause) {
        error = String.valueOf(cause.getMessage());
        finishedAt = Instant.now();
        state = State.FAILED;
    }

    State state() {
        return state;
    }

    boolean draining() {
        return state == State.DRAINING;
    }

    /** {@code held}: sessions the node owns now. */
    JsonObject json(int held) {
        JsonObject j = new JsonObject().put("state", state.name().toLowerCase(java.util.Locale.ROOT))
                .put("sessionsAtStart", atStart).put("sessionsHeld", held)
                .put("sessionsMoved", state == State.DONE ? moved : Math.max(0, atStart - held));
        if (startedAt != null) {
            j.put("startedAt", startedAt.toString());
        }
        if (finishedAt != null) {
            j.put("finishedAt", finishedAt.toString());
        }
        if (error != null) {
            j.put("error", error);
        }
        return j;
    }
}
