package imps.transport.sms.smpp;

/** What an SMSC delivers to the gateway: a (part of a) short message from a phone, or a delivery receipt. */
sealed interface Inbound permits InboundPart, Receipt {
}
