package imps.protocol;

/**
 * One CSP transaction: its descriptor and the single primitive of its TransactionContent.
 * {@code transactionId} is null when the descriptor had none (Polling-Request may omit it; a 1.3
 * Disconnect never carries one).
 */
public record Transaction(TransactionMode mode, String transactionId, Element primitive) {

    public static Transaction request(String transactionId, Element primitive) {
        return new Transaction(TransactionMode.REQUEST, transactionId, primitive);
    }

    public static Transaction response(String transactionId, Element primitive) {
        return new Transaction(TransactionMode.RESPONSE, transactionId, primitive);
    }

    public String primitiveName() {
        return primitive.name();
    }
}
