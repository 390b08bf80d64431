package imps.transport.sms;

import java.util.Locale;

/** How the gateway reaches the SMS network (docs/sms.md): an SMSC over SMPP 3.4, or Kannel's HTTP interfaces. */
public enum SmsConnector {
    SMPP, KANNEL;

    /** The connector a {@code sms.connector} value names. */
    public static SmsConnector parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("sms.connector must be smpp or kannel, not " + value);
        }
    }

    /** As the configuration and the admin API write it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
