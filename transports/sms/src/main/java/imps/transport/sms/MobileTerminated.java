package imps.transport.sms;

/**
 * A short message to a phone. With {@code destinationPort} set it is a port-addressed data SMS
 * (source port the same, so the phone's reply comes back to it); null sends plain text.
 * {@code binary}: the payload goes out as 8-bit data exactly as given; otherwise the payload is UTF-8
 * text, sent in the GSM 7-bit default alphabet when every character has a code there, in UCS-2
 * otherwise, and as a concatenated SMS when it does not fit in one.
 */
public record MobileTerminated(String recipient, Integer destinationPort, byte[] payload, boolean binary) {
}
