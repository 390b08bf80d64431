package imps.transport.sms;

import io.vertx.core.Future;
import io.vertx.core.Handler;

/**
 * The gateway's link to the carrier's SMS network: an SMSC over SMPP, or a Kannel installation over
 * HTTP. It only moves short messages; the SMS bearer above it knows PTS and the router. Mobile
 * originated messages reach {@code inbound} on the Vert.x context that called {@link #start}, one
 * complete message at a time (parts of a concatenated SMS are joined first).
 */
public interface SmsCenter {

    /**
     * Starts the link and completes once it is set up locally. Connecting to the SMS network
     * happens in the background and is retried while it fails, so a node starts even when its SMSC
     * is down; {@link #connected()} tells whether messages can be submitted now.
     */
    Future<Void> start(Handler<MobileOriginated> inbound);

    /**
     * Sends one mobile-terminated message; completes with the network's message id once the SMSC or
     * Kannel accepted it, fails when the link is down, the submit window is full for too long or the
     * network refused it.
     */
    Future<String> submit(MobileTerminated message);

    boolean connected();

    SmsCounters counters();

    Future<Void> stop();
}
