package imps.transport.sms;

import io.vertx.core.Vertx;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Paces CIR SMS (transports §6): a phone gets at most one per interval. A CIR asked for within the
 * interval is not dropped but coalesced: one CIR goes out when the interval ends, so a client that
 * missed the first wake-up still learns that something waits. Runs on one Vert.x context.
 */
final class SmsCirPacer {
    private final Vertx vertx;
    private final long intervalMillis;
    private final BiConsumer<String, String> send;
    private final Map<String, Pending> phones = new HashMap<>();
    private long coalesced;

    /** What is owed to one phone: the CIR line to send when its interval ends, or null. */
    private static final class Pending {
        String line;
    }

    SmsCirPacer(Vertx vertx, long intervalMillis, BiConsumer<String, String> send) {
        this.vertx = vertx;
        this.intervalMillis = Math.max(1, intervalMillis);
        this.send = send;
    }

    void request(String phone, String line) {
        Pending pending = phones.get(phone);
        if (pending != null) {
            pending.line = line;
            coalesced++;
            return;
        }
        phones.put(phone, new Pending());
        sendAndWait(phone, line);
    }

    /** CIRs asked for within an interval and folded into the one sent at its end. */
    long coalesced() {
        return coalesced;
    }

    /** Phone numbers inside their interval right now. */
    int pacing() {
        return phones.size();
    }

    private void sendAndWait(String phone, String line) {
        send.accept(phone, line);
        vertx.setTimer(intervalMillis, id -> {
            Pending pending = phones.get(phone);
            if (pending != null && pending.line != null) {
                String next = pending.line;
                pending.line = null;
                sendAndWait(phone, next);
            } else {
                phones.remove(phone);
            }
        });
    }
}
