package imps.codec.pts;

import imps.protocol.TransactionMode;

/**
 * One primitive code of the PTS preamble (docs/pts.md §3). The TransactionMode is not on the wire: it
 * follows from the code, so a primitive sent in both modes (MessageDelivered, an unsolicited
 * LeaveGroup-Response, Invite-Response) has a code per mode.
 */
record PtsPrimitive(String code, String name, TransactionMode mode, Direction direction, Source source) {

    /** Who sends the primitive. */
    enum Direction { CLIENT_TO_SERVER, SERVER_TO_CLIENT, BOTH }

    /** Where the code comes from: the Android engine's table, or defined by this gateway. */
    enum Source { ANDROID, GATEWAY }
}
