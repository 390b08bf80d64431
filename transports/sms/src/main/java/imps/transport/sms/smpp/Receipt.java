package imps.transport.sms.smpp;

import java.util.Set;

/**
 * A delivery receipt for a submitted message: the SMSC's message id and the message state, by its
 * SMPP name (DELIVRD, UNDELIV, EXPIRED, REJECTD, DELETED, ACCEPTD, ENROUTE, UNKNOWN; SMPP 3.4
 * Appendix B and §5.2.28).
 */
record Receipt(String messageId, String state) implements Inbound {

    private static final Set<String> FAILED = Set.of("UNDELIV", "EXPIRED", "REJECTD", "DELETED");

    boolean delivered() {
        return "DELIVRD".equals(state);
    }

    /** A final state other than delivery: the phone will not get the message. */
    boolean undeliverable() {
        return FAILED.contains(state);
    }
}
