package imps.bus;

import imps.protocol.CspMessage;

/** A decoded CSP message on its way from a bearer to the session core. */
public record InboundMessage(CspMessage message, Bearer bearer) {
}
