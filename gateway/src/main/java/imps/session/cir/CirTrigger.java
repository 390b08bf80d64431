package imps.session.cir;

import imps.session.SessionContext;
import imps.telemetry.Telemetry;

/**
 * Wakes a client up with {@code WVCI <version> <cookie>} (OMA-TS-IMPS_CSP_Transport, CIR) through the
 * channel of its session's binding ({@link CirChannels}).
 */
public final class CirTrigger {
    private final CirChannels channels;
    private final Telemetry telemetry;

    public CirTrigger(CirChannels channels, Telemetry telemetry) {
        this.channels = channels;
        this.telemetry = telemetry;
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
            telemetry.cirWakeUp(binding.method());
        }
    }

    /** Closes a connection another one replaced: the client that switched networks wins. */
    public void close(CirBinding binding) {
        channels.close(binding);
    }
}
