package imps.transport.base;

import io.vertx.core.Vertx;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Paces connectionless CIR (SMS, UDP datagrams; OMA-TS-IMPS_CSP_Transport, CIR bindings): one
 * destination (a phone number, an address) gets at most one per interval. A CIR asked for within the
 * interval is not dropped but coalesced: one CIR goes out when the interval ends, so a client that
 * missed the first wake-up still learns that something waits. Runs on one Vert.x context.
 */
public final class CirPacer {
    private final Vertx vertx;
    private final long intervalMillis;
    private final BiConsumer<String, String> send;
    private final Map<String, Pending> destinations = new HashMap<>();
    private long coalesced;

    /** What is owed to one destination: the CIR line to send when its interval ends, or null. */
    private static final class Pending {
        String line;
    }

    public CirPacer(Vertx vertx, long intervalMillis, BiConsumer<String, String> send) {
        this.vertx = vertx;
        this.intervalMillis = Math.max(1, intervalMillis);
        this.send = send;
    }

    public void request(String destination, String line) {
        Pending pending = destinations.get(destination);
        if (pending != null) {
            pending.line = line;
            coalesced++;
            return;
        }
        destinations.put(destination, new Pending());
        sendAndWait(destination, line);
    }

    /** CIRs asked for within an interval and folded into the one sent at its end. */
    public long coalesced() {
        return coalesced;
    }

    /** Destinations inside their interval right now. */
    public int pacing() {
        return destinations.size();
    }

    private void sendAndWait(String destination, String line) {
        send.accept(destination, line);
        vertx.setTimer(intervalMillis, id -> {
            Pending pending = destinations.get(destination);
            if (pending != null && pending.line != null) {
                String next = pending.line;
                pending.line = null;
                sendAndWait(destination, next);
            } else {
                destinations.remove(destination);
            }
        });
    }
}
