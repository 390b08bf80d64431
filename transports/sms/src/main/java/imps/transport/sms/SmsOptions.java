package imps.transport.sms;

/**
 * What the SMS bearer needs to know (docs/sms.md): the gateway's own number, the application ports
 * of CSP data and of CIR (OMA-TS-IMPS_CSP_Transport, SMS binding), how large one segment may be, how
 * long and how much an unfinished reassembly may wait, and the least time between two CIR texts to
 * one phone.
 */
public record SmsOptions(String address, int dataPort, int cirPort, int maxSegmentBytes,
                         int reassemblyTimeoutSeconds, int maxPendingPerSender, int cirMinIntervalSeconds) {
    public SmsOptions {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("sms.address must name the gateway's number");
        }
        port("sms.dataPort", dataPort);
        port("sms.cirPort", cirPort);
        if (dataPort == cirPort) {
            throw new IllegalArgumentException("sms.dataPort and sms.cirPort must differ");
        }
        if (maxSegmentBytes < 16 || maxSegmentBytes > 140) {
            throw new IllegalArgumentException("sms.maxSegmentBytes must be 16-140, not " + maxSegmentBytes);
        }
        positive("sms.reassemblyTimeoutSeconds", reassemblyTimeoutSeconds);
        positive("sms.maxPendingPerSender", maxPendingPerSender);
        if (cirMinIntervalSeconds < 0) {
            throw new IllegalArgumentException("sms.cirMinIntervalSeconds must not be negative");
        }
    }

    private static void port(String key, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(key + " must be 1-65535, not " + port);
        }
    }

    private static void positive(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, not " + value);
        }
    }
}
