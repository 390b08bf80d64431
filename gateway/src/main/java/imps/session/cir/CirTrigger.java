package imps.session.cir;

import imps.session.SessionContext;

/**
 * Wakes a client up with {@code WVCI <version> <cookie>} (OMA-TS-IMPS_CSP_Transport, CIR) through the
 * channel of its session's binding ({@link CirChannels}).
 */
public final class CirTrigger {
    private final CirChannels channels;

    public CirTrigger(CirChannels channels) {
        this.channels = channels;
    }

    /** The CIR text; the session cookie is the client's, so it can tell which session is meant. */
    public static String line(SessionContext session) {
        return "WVCI " + session.version().label() + " " + session.sessionCookie();
    }

    /**
     * Wakes the client when it needs it: something is collectable and no wake-up went out since it
     * last polled. One wake-up covers everything queued until the client polls (docs/conformance.md
     * "Server transactions").
     */
    public void wakeUpIfNeeded(SessionContext session, long nowNanos) {
        CirBinding binding = session.cirBinding();
        if (binding == null || !session.queue().wakeUpNeeded(nowNanos)) {
            return;
        }
        if (channels.wake(binding, line(session))) {
            session.queue().wakeUpSent();
        }
    }

    /** Closes a connection another one replaced: the client that switched networks wins. */
    public void close(CirBinding binding) {
        channels.close(binding);
    }
}
