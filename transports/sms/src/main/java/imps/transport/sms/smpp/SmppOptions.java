package imps.transport.sms.smpp;

/**
 * The gateway as an ESME bound transceiver to the carrier's SMSC (SMPP 3.4; docs/sms.md). Reconnects
 * with exponential backoff between {@code reconnectMinSeconds} and {@code reconnectMaxSeconds}; at
 * most {@code window} submit_sm await their response and at most {@code maxSubmitsPerSecond} are sent.
 */
public record SmppOptions(String host, int port, String systemId, String password, String systemType,
                          int enquireLinkSeconds, int reconnectMinSeconds, int reconnectMaxSeconds, int window,
                          int maxSubmitsPerSecond, int responseTimeoutMillis, boolean registeredDelivery) {
    public SmppOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("sms.smpp.host must name the SMSC");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("sms.smpp.port must be 1-65535, not " + port);
        }
        // SMPP 3.4 §5.2.1 and §5.2.2: system_id at most 15 octets, password at most 8.
        if (systemId == null || systemId.isEmpty() || systemId.length() > 15) {
            throw new IllegalArgumentException("sms.smpp.systemId must be 1-15 characters");
        }
        if (password == null || password.length() > 8) {
            throw new IllegalArgumentException("sms.smpp.password must be at most 8 characters");
        }
        if (systemType == null || systemType.length() > 12) {
            throw new IllegalArgumentException("sms.smpp.systemType must be at most 12 characters");
        }
        if (enquireLinkSeconds < 1 || reconnectMinSeconds < 1 || reconnectMaxSeconds < reconnectMinSeconds) {
            throw new IllegalArgumentException("sms.smpp: enquireLinkSeconds and reconnectMinSeconds must be at least 1,"
                    + " reconnectMaxSeconds at least reconnectMinSeconds");
        }
        if (window < 1 || maxSubmitsPerSecond < 1 || responseTimeoutMillis < 1) {
            throw new IllegalArgumentException("sms.smpp: window, maxSubmitsPerSecond and responseTimeoutMillis must be at least 1");
        }
    }
}
