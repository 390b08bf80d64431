package imps.transport.sms.smpp;

import imps.transport.sms.UserDataHeader.Concatenation;

/**
 * A short message from a phone as the SMSC delivered it, user data header removed: {@code
 * concatenation} is set when it is one part of a longer message, {@code userData} is still in the
 * encoding {@code dataCoding} names (joined parts are decoded together, so a character split between
 * two parts survives).
 */
record InboundPart(String sender, String recipient, Integer destinationPort, Concatenation concatenation,
                   int dataCoding, byte[] userData) implements Inbound {

    /** The whole message made of this part's addressing and the given user data. */
    InboundPart joined(Integer port, byte[] allUserData) {
        return new InboundPart(sender, recipient, port, null, dataCoding, allUserData);
    }
}
