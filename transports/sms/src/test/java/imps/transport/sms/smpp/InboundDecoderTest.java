package imps.transport.sms.smpp;

import imps.transport.sms.UserDataHeader;
import imps.transport.sms.UserDataHeader.Concatenation;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InboundDecoderTest {

    @Test
    void portAddressedDataKeepsItsBytesAndTheInternationalSender() {
        DeliverSm pdu = deliverSm(0x40, 0x04, concat(UserDataHeader.ports(3590, 3590).encode(), new byte[] {1, 2, (byte) 0xFF}));
        InboundPart part = (InboundPart) InboundDecoder.decode(pdu);
        assertEquals("+447700900123", part.sender());
        assertEquals("3590", part.recipient());
        assertEquals(3590, part.destinationPort());
        assertNull(part.concatenation());
        assertArrayEquals(new byte[] {1, 2, (byte) 0xFF}, part.userData());
    }

    @Test
    void portsAndConcatenationMayComeAsTlvs() {
        DeliverSm pdu = deliverSm(0x00, 0x04, new byte[] {9});
        pdu.setOptionalParameters(new OptionalParameter.Destination_port((short) 3716),
                new OptionalParameter.Sar_msg_ref_num((short) 0x1234), new OptionalParameter.Sar_total_segments((byte) 3),
                new OptionalParameter.Sar_segment_seqnum((byte) 2));
        InboundPart part = (InboundPart) InboundDecoder.decode(pdu);
        assertEquals(3716, part.destinationPort());
        assertEquals(new Concatenation(0x1234, 3, 2), part.concatenation());
    }

    @Test
    void dataSmCarriesItsUserDataInMessagePayload() {
        DataSm pdu = new DataSm();
        pdu.setSourceAddr("447700900123");
        pdu.setDestAddress("3590");
        pdu.setDataCoding((byte) 0x04);
        pdu.setOptionalParameters(new OptionalParameter.Destination_port((short) 3590),
                new OptionalParameter.Message_payload(new byte[] {7, 8}));
        InboundPart part = (InboundPart) InboundDecoder.decode(pdu);
        assertEquals("447700900123", part.sender(), "TON unknown: the number as given");
        assertEquals(3590, part.destinationPort());
        assertArrayEquals(new byte[] {7, 8}, part.userData());
    }

    @Test
    void malformedHeadersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> InboundDecoder.decode(deliverSm(0x40, 0x04, new byte[] {0x0A, 0x05, 0x04})));
        assertThrows(IllegalArgumentException.class, () -> InboundDecoder.decode(deliverSm(0x40, 0x04, new byte[0])));
        byte[] partZero = {0x05, 0x00, 0x03, 0x01, 0x02, 0x00, 0x41};
        assertThrows(IllegalArgumentException.class, () -> InboundDecoder.decode(deliverSm(0x40, 0x00, partZero)));
        byte[] partBeyond = {0x05, 0x00, 0x03, 0x01, 0x02, 0x03, 0x41};
        assertThrows(IllegalArgumentException.class, () -> InboundDecoder.decode(deliverSm(0x40, 0x00, partBeyond)));
    }

    @Test
    void receiptStateAndIdComeFromTheTextOrTheTlvs() {
        byte[] text = "id:0a1b sub:001 dlvrd:000 submit date:2611211700 done date:2611211701 stat:UNDELIV err:001 text:hello"
                .getBytes(StandardCharsets.US_ASCII);
        Receipt fromText = assertInstanceOf(Receipt.class, InboundDecoder.decode(deliverSm(0x04, 0x00, text)));
        assertEquals(new Receipt("0a1b", "UNDELIV"), fromText);
        assertTrue(fromText.undeliverable());
        assertFalse(fromText.delivered());

        DeliverSm tlvs = deliverSm(0x04, 0x00, new byte[0]);
        tlvs.setOptionalParameters(new OptionalParameter.Receipted_message_id("77"),
                new OptionalParameter.Message_state((byte) 2));
        Receipt fromTlvs = (Receipt) InboundDecoder.decode(tlvs);
        assertEquals(new Receipt("77", "DELIVRD"), fromTlvs);
        assertTrue(fromTlvs.delivered());

        Receipt enroute = (Receipt) InboundDecoder.decode(deliverSm(0x20, 0x00, "id:5 stat:ENROUTE".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(enroute.delivered() || enroute.undeliverable(), "an intermediate notification is not final");
        assertThrows(IllegalArgumentException.class, () -> InboundDecoder.decode(deliverSm(0x04, 0x00, "id:5".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void dataCodingDecidesBetweenTextAndBytes() {
        assertEquals("@€", utf8(0x00, new byte[] {0x00, 0x1B, 0x65}));
        assertEquals("Hé", utf8(0x03, new byte[] {0x48, (byte) 0xE9}));
        assertEquals("Hi", utf8(0x01, new byte[] {0x48, 0x69}));
        assertEquals("Жx", utf8(0x08, "Жx".getBytes(StandardCharsets.UTF_16BE)));
        assertEquals("Ж", utf8(0x18, "Ж".getBytes(StandardCharsets.UTF_16BE)), "general group, class 0, UCS-2");
        assertEquals("A", utf8(0xF0, new byte[] {0x41}), "message class group, default alphabet");
        byte[] data = {(byte) 0xC3, 0x28, 0x00};
        assertArrayEquals(data, DataCodingScheme.of(0x04).payload(data));
        assertArrayEquals(data, DataCodingScheme.of(0x02).payload(data));
        assertArrayEquals(data, DataCodingScheme.of(0xF5).payload(data), "message class group, 8-bit");
        assertArrayEquals(data, DataCodingScheme.of(0x36).payload(data), "compressed");
    }

    private static String utf8(int dataCoding, byte[] userData) {
        return new String(DataCodingScheme.of(dataCoding).payload(userData), StandardCharsets.UTF_8);
    }

    private static DeliverSm deliverSm(int esmClass, int dataCoding, byte[] shortMessage) {
        DeliverSm pdu = new DeliverSm();
        pdu.setSourceAddrTon((byte) 1);
        pdu.setSourceAddr("447700900123");
        pdu.setDestAddress("3590");
        pdu.setEsmClass((byte) esmClass);
        pdu.setDataCoding((byte) dataCoding);
        pdu.setShortMessage(shortMessage);
        return pdu;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
