package imps.transport.sms.smpp;

import org.jsmpp.SMPPConstant;

/** The SMSC answered a submit_sm with an error command_status (SMPP 3.4 §5.1.3). */
public final class SubmitRefusedException extends RuntimeException {
    private final int commandStatus;

    SubmitRefusedException(int commandStatus) {
        super(String.format("SMSC refused submit_sm with command_status 0x%08X%s", commandStatus,
                commandStatus == SMPPConstant.STAT_ESME_RTHROTTLED ? " (ESME_RTHROTTLED)" : ""));
        this.commandStatus = commandStatus;
    }

    public int commandStatus() {
        return commandStatus;
    }

    /** ESME_RTHROTTLED: the ESME exceeded the SMSC's message rate and should slow down. */
    public boolean throttled() {
        return commandStatus == SMPPConstant.STAT_ESME_RTHROTTLED;
    }
}
