package imps.transport.sms.smpp;

import org.jsmpp.InvalidCommandLengthException;
import org.jsmpp.bean.Command;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BoundedPduReaderTest {
    private final BoundedPduReader reader = new BoundedPduReader();

    private static DataInputStream stream(int commandLength, byte[] rest) {
        ByteBuffer b = ByteBuffer.allocate(16 + rest.length).putInt(commandLength).putInt(0x15).putInt(0).putInt(7).put(rest);
        return new DataInputStream(new ByteArrayInputStream(b.array()));
    }

    @Test
    void aPduOfTheLengthItStatesIsReadWhole() throws IOException, InvalidCommandLengthException {
        DataInputStream in = stream(20, new byte[] {1, 2, 3, 4});
        Command header = reader.readPDUHeader(in);
        assertEquals(0x15, header.getCommandId());
        assertEquals(7, header.getSequenceNumber());
        byte[] pdu = reader.readPDU(in, header);
        assertEquals(20, pdu.length);
        assertArrayEquals(new byte[] {1, 2, 3, 4}, Arrays.copyOfRange(pdu, 16, 20));
    }

    /**
     * Found by fuzzing: the library's reader took the command_length 0x07020357 of a 106-byte stream
     * at its word and allocated 117 MB for it; a negative one ended its reading thread.
     */
    @Test
    void aLengthNoPduNeedsIsRefusedBeforeAnythingIsAllocated() {
        for (int length : new int[] {0x07020357, BoundedPduReader.MAX_COMMAND_LENGTH + 1, Integer.MAX_VALUE, -1, 15, 0}) {
            assertThrows(InvalidCommandLengthException.class, () -> reader.readPDUHeader(stream(length, new byte[0])),
                    "command_length " + length);
        }
    }
}
