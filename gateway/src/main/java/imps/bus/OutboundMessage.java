package imps.bus;

import imps.protocol.CspMessage;

/**
 * What the bearer must send back: a CSP message, or nothing ({@code message} null: an empty HTTP 200,
 * the answer to a Polling-Request with nothing queued or to a client's own response). A message for
 * a CSP version the gateway does not speak carries that version's namespace in
 * {@code foreignNamespace} so the client can read the 505.
 */
public record OutboundMessage(CspMessage message, String foreignNamespace) {
    public static final OutboundMessage EMPTY = new OutboundMessage(null, null);

    public static OutboundMessage of(CspMessage message) {
        return new OutboundMessage(message, null);
    }

    public boolean isEmpty() {
        return message == null;
    }
}
