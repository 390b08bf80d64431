package imps.transport.sms;

/**
 * A short message from a phone. {@code destinationPort} is the application port of a data SMS
 * (3590 for PTS, 3716 for SMS CIR registration, docs/sms.md), null for a plain text SMS.
 * {@code payload} holds the bytes of an 8-bit data message as received, and the UTF-8 bytes of the
 * text of a GSM 7-bit or UCS-2 message.
 */
public record MobileOriginated(String sender, String recipient, Integer destinationPort, byte[] payload) {
}
