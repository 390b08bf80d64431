package imps.transport.sms.kannel;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A delivery report smsbox passes on by calling the {@code dlr-url} of a sendsms request:
 * {@code id} is the gateway's id of the message, {@code status} Kannel's report type ({@code %d}):
 * 1 delivered to the phone, 2 delivery failed, 4 buffered at the SMSC, 8 accepted by the SMSC,
 * 16 rejected by the SMSC.
 */
record DeliveryReport(String id, int status) {
    static final int DELIVERED = 1;
    static final int FAILED = 2;
    static final int SMSC_REJECTED = 16;

    /** The report types the gateway asks for: the final ones. */
    static final int MASK = DELIVERED | FAILED | SMSC_REJECTED;

    /** @throws IllegalArgumentException when id or status is missing or status is not a number */
    static DeliveryReport parse(Map<String, byte[]> params) {
        byte[] id = params.get("id");
        byte[] status = params.get("status");
        if (id == null || id.length == 0 || status == null) {
            throw new IllegalArgumentException("missing id or status");
        }
        try {
            return new DeliveryReport(new String(id, StandardCharsets.UTF_8),
                    Integer.parseInt(new String(status, StandardCharsets.US_ASCII)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("status is not a number", e);
        }
    }

    boolean delivered() {
        return status == DELIVERED;
    }

    boolean undeliverable() {
        return status == FAILED || status == SMSC_REJECTED;
    }
}
