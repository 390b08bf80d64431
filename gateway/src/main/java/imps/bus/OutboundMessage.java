package imps.bus;

import imps.protocol.CspMessage;

/**
 * What the bearer must send back: a CSP message, or nothing ({@code message} null: an empty HTTP 200,
 * the answer to a Polling-Request with nothing to collect or to a client's own response).
 */
public record OutboundMessage(CspMessage message) {
    public static final OutboundMessage EMPTY = new OutboundMessage(null);

    public static OutboundMessage of(CspMessage message) {
        return new OutboundMessage(message);
    }

    public boolean isEmpty() {
        return message == null;
    }
}
