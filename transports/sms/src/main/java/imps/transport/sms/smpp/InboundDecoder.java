package imps.transport.sms.smpp;

import imps.transport.sms.UserDataHeader;
import imps.transport.sms.UserDataHeader.Concatenation;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AbstractSmCommand;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a deliver_sm or data_sm from the SMSC (SMPP 3.4 §4.6.1 and §4.7.1). Everything the SMSC
 * sends is checked here, on the session's thread: a malformed message is refused with an
 * {@link IllegalArgumentException} before anything of it reaches the gateway.
 */
final class InboundDecoder {

    /** esm_class bits 5-2, the message type (SMPP 3.4 §5.2.12); 0 is a normal short message. */
    private static final int MESSAGE_TYPE_MASK = 0x3C;

    /** The receipt's fields in its short_message (SMPP 3.4 Appendix B). */
    private static final Pattern RECEIPT_ID = Pattern.compile("(?i)\\bid:(\\S+)");
    private static final Pattern RECEIPT_STAT = Pattern.compile("(?i)\\bstat:(\\S+)");

    /** message_state values (SMPP 3.4 §5.2.28, the TLV §5.3.2.35) by their receipt text names. */
    private static final String[] MESSAGE_STATES =
            {null, "ENROUTE", "DELIVRD", "EXPIRED", "DELETED", "UNDELIV", "ACCEPTD", "UNKNOWN", "REJECTD"};

    private InboundDecoder() {
    }

    static Inbound decode(DeliverSm pdu) {
        return decode(pdu, pdu.getShortMessage());
    }

    /** A data_sm carries its user data in the message_payload TLV only (SMPP 3.4 §4.7.1). */
    static Inbound decode(DataSm pdu) {
        return decode(pdu, null);
    }

    private static Inbound decode(AbstractSmCommand pdu, byte[] shortMessage) {
        byte[] userData = shortMessage == null || shortMessage.length == 0 ? messagePayload(pdu) : shortMessage;
        int esmClass = pdu.getEsmClass() & 0xFF;
        if ((esmClass & MESSAGE_TYPE_MASK) != 0) {
            return receipt(pdu, userData);
        }
        String sender = SmppAddress.toNumber(pdu.getSourceAddrTon(), pdu.getSourceAddr());
        String recipient = SmppAddress.toNumber(pdu.getDestAddrTon(), pdu.getDestAddress());
        UserDataHeader header = UserDataHeader.NONE;
        byte[] body = userData;
        if ((esmClass & SMPPConstant.ESMCLS_UDHI_INDICATOR_SET) != 0) {
            UserDataHeader.Split split = UserDataHeader.parse(userData);
            header = split.header();
            body = split.body();
        }
        Integer port = header.destinationPort() != null ? header.destinationPort() : tlvPort(pdu);
        Concatenation concatenation = header.concatenation() != null ? header.concatenation() : sar(pdu);
        return new InboundPart(sender, recipient, port, checked(concatenation), pdu.getDataCoding(), body);
    }

    private static byte[] messagePayload(AbstractSmCommand pdu) {
        OptionalParameter.Message_payload payload = pdu.getOptionalParameter(OptionalParameter.Message_payload.class);
        return payload == null ? new byte[0] : payload.getValue();
    }

    /** Ports may come as destination_port TLV instead of a header (SMPP 3.4 §5.3.2.21). */
    private static Integer tlvPort(AbstractSmCommand pdu) {
        OptionalParameter.Destination_port port = pdu.getOptionalParameter(OptionalParameter.Destination_port.class);
        return port == null ? null : port.getValue() & 0xFFFF;
    }

    /** Concatenation may come as the sar_* TLVs instead of a header (SMPP 3.4 §5.3.2.22 to §5.3.2.24). */
    private static Concatenation sar(AbstractSmCommand pdu) {
        OptionalParameter.Sar_msg_ref_num reference = pdu.getOptionalParameter(OptionalParameter.Sar_msg_ref_num.class);
        OptionalParameter.Sar_total_segments total = pdu.getOptionalParameter(OptionalParameter.Sar_total_segments.class);
        OptionalParameter.Sar_segment_seqnum seqnum = pdu.getOptionalParameter(OptionalParameter.Sar_segment_seqnum.class);
        if (reference == null || total == null || seqnum == null) {
            return null;
        }
        return new Concatenation(reference.getValue() & 0xFFFF, total.getValue() & 0xFF, seqnum.getValue() & 0xFF);
    }

    /** A single-part "concatenation" is a plain message; part numbers outside 1..parts are refused. */
    private static Concatenation checked(Concatenation c) {
        if (c == null || c.parts() == 1 && c.part() == 1) {
            return null;
        }
        if (c.parts() == 0 || c.part() == 0 || c.part() > c.parts()) {
            throw new IllegalArgumentException("concatenation part " + c.part() + " of " + c.parts());
        }
        return c;
    }

    private static Receipt receipt(AbstractSmCommand pdu, byte[] userData) {
        String text = new String(userData, StandardCharsets.ISO_8859_1);
        OptionalParameter.Receipted_message_id id = pdu.getOptionalParameter(OptionalParameter.Receipted_message_id.class);
        String messageId = id != null ? id.getValueAsString() : field(RECEIPT_ID, text);
        OptionalParameter.Message_state state = pdu.getOptionalParameter(OptionalParameter.Message_state.class);
        String stateName = state != null ? stateName(state.getValue() & 0xFF) : field(RECEIPT_STAT, text);
        if (stateName == null) {
            throw new IllegalArgumentException("delivery receipt without a message state: " + text);
        }
        return new Receipt(messageId, stateName.toUpperCase());
    }

    private static String stateName(int value) {
        return value < MESSAGE_STATES.length && value > 0 ? MESSAGE_STATES[value] : "UNKNOWN";
    }

    private static String field(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
