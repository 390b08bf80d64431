package imps.app;

import imps.app.CspBinding.Device;
import imps.protocol.Element;

import java.util.List;

/**
 * A channel over which the gateway wakes a client up (OMA-TS-IMPS_CSP_Transport, CIR), as used in
 * one run of {@link CspSessionContract}: what the client offers in capability negotiation, how it
 * checks what was agreed, and how it listens for the {@code WVCI} line.
 */
interface ClientCirChannel {

    /** The SupportedCIRMethod value, e.g. STCP. */
    String method();

    /**
     * The CapabilityList children with which {@code device} offers this channel: its SupportedCIRMethod
     * and any address it needs (a channel that listens on a port of the device's own, such as UDP,
     * opens it here and hands it to {@link #open}).
     */
    default List<Element> offer(Device device) {
        return List.of(Element.leaf("SupportedCIRMethod", method()));
    }

    /** The ClientID the device presents: its URL, unless the channel needs its phone number. */
    default Element clientId(Device device) {
        return Element.of("ClientID", Element.leaf("URL", device.url()));
    }

    /**
     * Fails unless the agreed capability list carries what a client needs to use this channel beyond
     * its method (an address); a channel that needs nothing more checks nothing.
     */
    default void assertAgreed(Element agreed) {
    }

    /** Starts listening the way a client that agreed this channel does. */
    WakeUps open(Device device, String sessionId, Element agreed) throws Exception;

    /** A client listening on its channel. */
    interface WakeUps extends AutoCloseable {

        /** The next {@code WVCI} line, failing when none comes within seconds. */
        String awaitWakeUp() throws Exception;

        /** Fails if the gateway has a wake-up for the client now. */
        void assertQuiet() throws Exception;

        @Override
        default void close() throws Exception {
        }
    }
}
