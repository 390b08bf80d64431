package imps.session;

import imps.protocol.StatusCode;

/**
 * Why a session ended. Expiry and operator action send the client a Disconnect with 600 or 601
 * (OMA-TS-IMPS_CSP-V1_3 §6.6); a logout is answered with Status and needs none.
 */
public enum EndCause {
    LOGOUT(null),
    EXPIRED(StatusCode.SESSION_EXPIRED),
    FORCED_LOGOUT(StatusCode.FORCED_LOGOUT);

    private final StatusCode disconnectCode;

    EndCause(StatusCode disconnectCode) {
        this.disconnectCode = disconnectCode;
    }

    /** The code of the Disconnect to queue, or null when none is sent. */
    public StatusCode disconnectCode() {
        return disconnectCode;
    }
}
