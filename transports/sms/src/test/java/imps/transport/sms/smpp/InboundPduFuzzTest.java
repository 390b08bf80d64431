package imps.transport.sms.smpp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import imps.TestData;
import imps.fuzz.AllocationBudget;
import imps.transport.sms.UserDataHeader;
import imps.transport.sms.UserDataHeader.Concatenation;
import io.vertx.core.Vertx;
import org.jsmpp.InvalidCommandLengthException;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AbstractSmCommand;
import org.jsmpp.bean.Command;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.util.DefaultComposer;
import org.jsmpp.util.DefaultDecomposer;
import org.jsmpp.util.PDUDecomposer;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static imps.transport.sms.smpp.InboundDecoderTest.concat;

/**
 * Fuzz target (docs/security.md, Fuzzing): what an SMSC sends the gateway, on any byte stream of SMPP
 * PDUs. The stream is cut into PDUs by the link's reader ({@link BoundedPduReader}) and decomposed by
 * the SMPP library as the bound session does; each deliver_sm and data_sm then goes through the
 * gateway's {@link InboundDecoder}, the joining of concatenated parts ({@link Reassembler}) and the
 * data coding ({@link DataCodingScheme}), as {@code SmppSmsCenter} does.
 *
 * <p>Invariants: the library refuses a PDU only with the exceptions its session answers with a
 * negative response or by closing the link (and, a known limit of the library, with an
 * IndexOutOfBoundsException or NegativeArraySizeException when the lengths inside a PDU run past
 * its end); the gateway refuses a message only with an IllegalArgumentException (ESME_RX_P_APPN); a
 * joined message has no concatenation left and no more user data than its parts brought; a receipt
 * has a state; the allocation stays within {@link #BUDGET}.
 */
class InboundPduFuzzTest {
    private static final Vertx VERTX = Vertx.vertx();
    private static final PDUDecomposer DECOMPOSER = new DefaultDecomposer();
    private static final AllocationBudget BUDGET = new AllocationBudget(16 << 20, 1024);

    /**
     * The real clients' PTS requests as a phone sends them: one port-addressed data SMS, the same
     * split into two concatenated parts, a data_sm with TLVs, followed by a delivery receipt.
     */
    static Stream<byte[]> seeds() {
        DefaultComposer composer = new DefaultComposer();
        return TestData.ptsRequests().stream().map(TestData::bytes).map(pts -> {
            try {
                byte[] ports = UserDataHeader.ports(3590, 3590).encode();
                int half = pts.length / 2;
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(deliverSm(composer, 1, 0x40, 0x04, concat(ports, pts)));
                out.writeBytes(deliverSm(composer, 2, 0x40, 0x04, concat(UserDataHeader.ports(3590, 3590)
                        .withConcatenation(new Concatenation(9, 2, 2)).encode(), Arrays.copyOfRange(pts, half, pts.length))));
                out.writeBytes(deliverSm(composer, 3, 0x40, 0x04, concat(UserDataHeader.ports(3590, 3590)
                        .withConcatenation(new Concatenation(9, 2, 1)).encode(), Arrays.copyOfRange(pts, 0, half))));
                out.writeBytes(composer.dataSm(4, "", (byte) 1, (byte) 1, "447700900123", (byte) 0, (byte) 0, "3590",
                        (byte) 0, (byte) 0, (byte) 0x04, new OptionalParameter.Destination_port((short) 3590),
                        new OptionalParameter.Message_payload(pts)));
                out.writeBytes(deliverSm(composer, 5, 0x04, 0x00, ("id:0a1b sub:001 dlvrd:001 submit date:2611211700"
                        + " done date:2611211701 stat:DELIVRD err:000 text:").getBytes(StandardCharsets.US_ASCII)));
                return out.toByteArray();
            } catch (PDUStringException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static byte[] deliverSm(DefaultComposer composer, int sequence, int esmClass, int dataCoding, byte[] sm)
            throws PDUStringException {
        return composer.deliverSm(sequence, "", (byte) 1, (byte) 1, "447700900123", (byte) 0, (byte) 0, "3590",
                (byte) esmClass, (byte) 0, (byte) 0, (byte) 0, (byte) dataCoding, sm);
    }

    @MethodSource("seeds")
    @FuzzTest
    void receive(byte[] input) {
        BUDGET.check(input, () -> receiveChecked(input));
    }

    private static void receiveChecked(byte[] input) {
        Reassembler reassembler = new Reassembler(VERTX, 60_000, 2, 4);
        List<InboundPart> parts = new ArrayList<>();
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(input));
        BoundedPduReader reader = new BoundedPduReader();
        try {
            while (true) {
                Command header = reader.readPDUHeader(in);
                byte[] pdu = reader.readPDU(in, header);
                Inbound inbound = decode(header, pdu);
                if (inbound instanceof Receipt receipt && receipt.state() == null) {
                    throw new AssertionError("a receipt without a state");
                }
                if (inbound instanceof InboundPart part) {
                    parts.add(part);
                    InboundPart whole = reassembler.accept(part);
                    if (whole != null) {
                        checkWhole(whole, parts);
                    }
                }
            }
        } catch (InvalidCommandLengthException | IOException endOfStreamOrLinkClosed) {
            // the session closes the link (or the stream has ended)
        } finally {
            reassembler.clear();
        }
    }

    /** The message the gateway makes of one PDU, or null when the PDU is no message or is refused. */
    private static Inbound decode(Command header, byte[] pdu) {
        AbstractSmCommand message;
        try {
            if (header.getCommandId() == SMPPConstant.CID_DELIVER_SM) {
                message = DECOMPOSER.deliverSm(pdu);
            } else if (header.getCommandId() == SMPPConstant.CID_DATA_SM) {
                message = DECOMPOSER.dataSm(pdu);
            } else {
                return null;
            }
        } catch (PDUStringException answeredWithNegativeResponse) {
            return null;
        } catch (IndexOutOfBoundsException | NegativeArraySizeException lengthsPastThePdu) {
            // The library reads past a PDU whose sm_length or TLV lengths run past its end; its session
            // then sends no response, and the gateway never sees the message (docs/security.md).
            return null;
        }
        try {
            return message instanceof DeliverSm d ? InboundDecoder.decode(d) : InboundDecoder.decode((DataSm) message);
        } catch (IllegalArgumentException refusedByTheGateway) {
            return null;
        }
    }

    private static void checkWhole(InboundPart whole, List<InboundPart> received) {
        if (whole.concatenation() != null) {
            throw new AssertionError("a joined message still says it is part " + whole.concatenation());
        }
        long available = received.stream().mapToLong(p -> p.userData().length).sum();
        if (whole.userData().length > available) {
            throw new AssertionError("a message of " + whole.userData().length + " bytes joined from "
                    + available + " received");
        }
        DataCodingScheme.of(whole.dataCoding()).payload(whole.userData());
    }
}
