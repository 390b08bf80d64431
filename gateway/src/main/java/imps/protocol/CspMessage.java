package imps.protocol;

import java.util.List;

/**
 * A whole {@code WV-CSP-Message}, syntax-neutral. {@code poll} and {@code cirFlag} are set only on
 * messages the server sends (clients never send them, OMA-TS-IMPS_CSP_Transport); null means "omit".
 */
public record CspMessage(CspVersion version,
                         SessionType sessionType,
                         String sessionId,
                         List<Transaction> transactions,
                         Boolean poll,
                         Boolean cirFlag) {

    public CspMessage {
        transactions = List.copyOf(transactions);
    }

    public static CspMessage of(CspVersion version, String sessionId, Transaction transaction) {
        SessionType type = sessionId == null ? SessionType.OUTBAND : SessionType.INBAND;
        return new CspMessage(version, type, sessionId, List.of(transaction), null, null);
    }

    public Transaction first() {
        return transactions.get(0);
    }
}
