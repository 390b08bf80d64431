package imps.transport.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@link ConnectionClock}s of one HTTP listener instance and the one periodic check of their
 * deadlines. A request only moves its connection's deadline (a field write), instead of cancelling
 * and arming a timer twice per request: the timers' bookkeeping was about 5 % of the gateway's CPU
 * in the relay benchmark (docs/benchmarks.md). A deadline is acted on up to one check interval
 * late: a tenth of the shorter time-out, between 100 ms and 1 s. Used on the instance's event loop only.
 */
final class ConnectionClocks {
    private final Map<HttpConnection, Open> open = new HashMap<>();
    private final long headNanos;
    private final long bodyNanos;

    /** An open connection: its client address (the peer's, read once) and its clock. */
    record Open(String peer, ConnectionClock clock) {
    }

    ConnectionClocks(Vertx vertx, long headMillis, long bodyMillis) {
        this.headNanos = TimeUnit.MILLISECONDS.toNanos(headMillis);
        this.bodyNanos = TimeUnit.MILLISECONDS.toNanos(bodyMillis);
        long shorter = Math.min(headMillis > 0 ? headMillis : Long.MAX_VALUE, bodyMillis > 0 ? bodyMillis : Long.MAX_VALUE);
        if (shorter != Long.MAX_VALUE) {
            vertx.setPeriodic(Math.max(100, Math.min(1000, shorter / 10)), id -> check(System.nanoTime()));
        }
    }

    Open opened(HttpConnection connection, String peer) {
        Open o = new Open(peer, new ConnectionClock(connection, headNanos, bodyNanos, System.nanoTime()));
        open.put(connection, o);
        return o;
    }

    /** The connection's state, or null for one not opened through {@link #opened}. */
    Open of(HttpConnection connection) {
        return open.get(connection);
    }

    void closed(HttpConnection connection) {
        Open o = open.remove(connection);
        if (o != null) {
            o.clock().stop();
        }
    }

    private void check(long nowNanos) {
        List<ConnectionClock> expired = null;
        for (Open o : open.values()) {
            if (o.clock().expired(nowNanos)) {
                if (expired == null) {
                    expired = new ArrayList<>();
                }
                expired.add(o.clock());
            }
        }
        if (expired != null) {
            // Outside the walk: closing a connection may remove it from the map.
            expired.forEach(ConnectionClock::expire);
        }
    }
}
