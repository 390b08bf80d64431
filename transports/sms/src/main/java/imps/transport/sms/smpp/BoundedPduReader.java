package imps.transport.sms.smpp;

import org.jsmpp.DefaultPDUReader;
import org.jsmpp.InvalidCommandLengthException;
import org.jsmpp.bean.Command;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * Reads PDUs from the SMSC like the SMPP library's own reader, but refuses a command_length (SMPP 3.4
 * §3.2) that no PDU needs before anything is allocated for it: the library's reader allocates
 * whatever the length field says, so four bytes could make it reserve up to 2 GiB, and a negative
 * length stopped its reading thread. The session answers a refused length with generic_nack
 * (ESME_RINVCMDLEN) and closes the link, which the gateway then binds again.
 */
final class BoundedPduReader extends DefaultPDUReader {
    /** The header, and room for the largest message_payload (SMPP 3.4 §5.3.2.32: 64 KiB) with every other field. */
    static final int MAX_COMMAND_LENGTH = 16 + 65_535 + 1_024;
    private static final int HEADER_LENGTH = 16;

    @Override
    public Command readPDUHeader(DataInputStream in) throws InvalidCommandLengthException, IOException {
        Command header = new Command();
        header.setCommandLength(in.readInt());
        if (header.getCommandLength() < HEADER_LENGTH || header.getCommandLength() > MAX_COMMAND_LENGTH) {
            throw new InvalidCommandLengthException("command_length " + header.getCommandLength() + " is outside "
                    + HEADER_LENGTH + ".." + MAX_COMMAND_LENGTH);
        }
        header.setCommandId(in.readInt());
        header.setCommandStatus(in.readInt());
        header.setSequenceNumber(in.readInt());
        return header;
    }
}
